import { LitElement, css, html, nothing } from 'lit';
import { registerSW } from 'virtual:pwa-register';
import { buttonStyles } from '../styles/buttons.js';

/**
 * Registers the service worker and tells the user when the app works offline and when a new
 * version is waiting ("New version available — Reload").
 */
export class PwaStatus extends LitElement {
  static override properties = { saved: { type: Boolean }, offlineReady: { state: true }, needRefresh: { state: true } };

  /**
   * Everything this device runs (model, worker, backend) is saved: the service worker's install
   * saves only the app shell, so "Ready to work offline" waits for this too.
   */
  declare saved: boolean;
  declare offlineReady: boolean;
  declare needRefresh: boolean;
  private updateSW: ((reload?: boolean) => Promise<void>) | null = null;

  constructor() {
    super();
    this.saved = false;
    this.offlineReady = false;
    this.needRefresh = false;
  }

  static override styles = [
    buttonStyles,
    css`
      /* Over the header, clear of the reading and of the model bar at the bottom of the view. */
      :host {
        position: fixed;
        left: 50%;
        top: calc(0.4rem + env(safe-area-inset-top));
        transform: translateX(-50%);
        z-index: 10;
        pointer-events: none;
      }
      .toast {
        pointer-events: auto;
        display: flex;
        gap: 0.75rem;
        align-items: center;
        background: #1f2937;
        color: #f9fafb;
        padding: 0.6rem 0.9rem;
        border-radius: 0.75rem;
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.4);
      }
      button {
        background: #ffd84d;
        color: #111;
      }
      button.plain {
        background: transparent;
        color: #d1d5db;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    if (!('serviceWorker' in navigator)) return;
    this.updateSW = registerSW({
      onOfflineReady: () => {
        this.offlineReady = true;
      },
      onNeedRefresh: () => {
        this.needRefresh = true;
      },
    });
  }

  private dismiss(): void {
    this.offlineReady = false;
    this.needRefresh = false;
  }

  override render() {
    if (this.needRefresh) {
      return html`<div class="toast" role="alert" data-testid="update-prompt">
        New version available
        <button @click=${() => this.updateSW?.(true)}>Reload</button>
        <button class="plain" @click=${this.dismiss}>Later</button>
      </div>`;
    }
    if (this.offlineReady && this.saved) {
      return html`<div class="toast" role="status" data-testid="offline-ready">
        Ready to work offline <button class="plain" @click=${this.dismiss}>OK</button>
      </div>`;
    }
    return nothing;
  }
}

customElements.define('pwa-status', PwaStatus);

declare global {
  interface HTMLElementTagNameMap {
    'pwa-status': PwaStatus;
  }
}
