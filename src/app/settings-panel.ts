import { LitElement, css, html } from 'lit';
import type { ReadyInfo } from '../inference/protocol.js';
import { storageInfo, type StorageInfo } from '../offline/model-updates.js';

const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

/** Settings: storage used / available and whether it is persistent; model and backend. */
export class SettingsPanel extends LitElement {
  static override properties = { info: { attribute: false }, storage: { state: true } };

  info: ReadyInfo | null = null;
  storage: StorageInfo | null = null;

  static override styles = css`
    :host {
      position: absolute;
      right: 0.75rem;
      top: 0.75rem;
      max-width: 22rem;
      background: #1f2937;
      color: #f9fafb;
      padding: 0.8rem 1rem;
      border-radius: 0.75rem;
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.4);
      font-size: 0.9rem;
    }
    dl {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.3rem 0.8rem;
      margin: 0;
    }
    dt {
      color: #9ca3af;
    }
    dd {
      margin: 0;
    }
  `;

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.storage = await storageInfo();
  }

  override render() {
    const s = this.storage;
    return html`<dl data-testid="settings">
      <dt>Storage used</dt>
      <dd data-testid="storage-used">${s ? `${mb(s.usage)} of ${mb(s.quota)} available` : 'unknown'}</dd>
      <dt>Kept offline</dt>
      <dd>${s?.persisted ? 'yes (persistent)' : 'until the browser needs space'}</dd>
      <dt>Model</dt>
      <dd>${this.info?.version ?? '–'} at ${this.info?.inputSize ?? '–'} px</dd>
      <dt>Backend</dt>
      <dd>${this.info?.reason ?? '–'}</dd>
    </dl>`;
  }
}

customElements.define('settings-panel', SettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
}
