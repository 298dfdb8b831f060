import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { registerSW } from 'virtual:pwa-register';
import { buttonStyles } from '../styles/buttons.js';
import { TOAST_MS } from './notice-controller.js';

/**
 * Registers the service worker and tells the user when the app works offline (once: the first
 * visit, when both the app shell and everything this device runs are saved) and when a new version is
 * waiting ("New version available — Reload").
 */
export class PwaStatus extends LitElement {
  static override properties = {
    saved: { type: Boolean },
    offlineReady: { state: true },
    needRefresh: { state: true },
  };

  /**
   * Everything this device runs (model, worker, backend) is saved: the service worker's install
   * saves only the app shell, so "Ready to work offline" waits for this too.
   */
  declare saved: boolean;
  /** Shown now: "Ready to work offline". */
  declare offlineReady: boolean;
  declare needRefresh: boolean;
  private updateSW: ((reload?: boolean) => Promise<void>) | null = null;
  /** The service worker has cached the app shell (its first install). */
  private installed = false;
  private told = false;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.saved = false;
    this.offlineReady = false;
    this.needRefresh = false;
  }

  static override styles = [
    buttonStyles,
    css`
      /* Placed by the app among its messages over the view: never over a control. "Ready to work
         offline" lets taps through to the view beneath (a number under it can still be tapped);
         only its buttons take them. */
      :host {
        display: block;
        pointer-events: none;
      }
      button {
        pointer-events: auto;
      }
      .toast {
        display: flex;
        gap: 0.75rem;
        align-items: center;
        background: #1f2937;
        color: #f9fafb;
        padding: 0.3rem 0.3rem 0.3rem 0.9rem;
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
        this.installed = true;
        this.tellOffline();
      },
      onNeedRefresh: () => {
        this.needRefresh = true;
      },
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.timer);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('saved')) this.tellOffline();
  }

  /** "Ready to work offline" once it is true: the app shell and every file this device runs saved. */
  private tellOffline(): void {
    if (this.told || !this.installed || !this.saved) return;
    this.told = true;
    this.offlineReady = true;
    this.timer = setTimeout(() => (this.offlineReady = false), TOAST_MS);
  }

  private dismiss(): void {
    clearTimeout(this.timer);
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
    if (this.offlineReady) {
      return html`<div class="toast" role="status" data-testid="offline-ready">
        <span>Ready to work offline</span>
        <button class="ok" @click=${this.dismiss}>OK</button>
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
