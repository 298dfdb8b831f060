import { LitElement, css, html, nothing } from 'lit';
import { BLOCKED_MESSAGE, OUTDATED_MESSAGE, type HistoryState } from './capture-store.js';
import { buttonStyles } from '../styles/buttons.js';

/**
 * Says why the history cannot be used from this tab, while that lasts: another tab holds an older
 * version open (this one waits for it), or a newer version opened in another tab (this one let go
 * of the database and must reload).
 */
export class HistoryStatus extends LitElement {
  static override properties = { state: { attribute: false } };

  declare state: HistoryState;

  constructor() {
    super();
    this.state = 'open';
  }

  static override styles = [
    buttonStyles,
    css`
      /* A row of its own under the app's header: nothing of the camera or History is covered. */
      :host {
        display: block;
      }
      .banner {
        margin: 0 0.75rem 0.5rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: center;
        background: #7c2d12;
        color: #fff7ed;
        padding: 0.6rem 0.8rem;
        border-radius: 0.6rem;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.4);
      }
      button {
        background: #ffd84d;
        color: #111;
      }
    `,
  ];

  override render() {
    if (this.state === 'open') return nothing;
    return html`<div class="banner" role="alert">
      <span data-testid="history-status">${this.state === 'blocked' ? BLOCKED_MESSAGE : OUTDATED_MESSAGE}</span>
      ${
        this.state === 'outdated'
          ? html`<button @click=${() => location.reload()} data-testid="history-status-reload">Reload</button>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('history-status', HistoryStatus);

declare global {
  interface HTMLElementTagNameMap {
    'history-status': HistoryStatus;
  }
}
