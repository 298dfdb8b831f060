import { LitElement, css, html } from 'lit';
import type { ReadyInfo } from '../inference/shared/protocol.js';
import type { CaptureStore } from '../history/capture-store.js';
import { storageInfo, type StorageInfo } from '../offline/model-updates.js';

const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

/**
 * Settings: storage used / available and whether it is persistent; model and engine (the
 * details kept off the main screen), and the performance figures over the camera.
 *
 * @fires auto-capture-changed - detail: whether auto-capture is now on
 * @fires hud-changed - detail: whether the performance figures are now shown
 */
export class SettingsPanel extends LitElement {
  static override properties = {
    info: { attribute: false },
    store: { attribute: false },
    hud: { type: Boolean },
    storage: { state: true },
    maxCaptures: { state: true },
    autoCapture: { state: true },
    loaded: { state: true },
  };

  declare info: ReadyInfo | null;
  declare store: CaptureStore | null;
  declare hud: boolean;
  declare storage: StorageInfo | null;
  declare maxCaptures: number;
  declare autoCapture: boolean;
  /** Inputs stay disabled until the stored settings are shown: a tick before then would be overwritten. */
  declare loaded: boolean;

  constructor() {
    super();
    this.info = null;
    this.store = null;
    this.hud = false;
    this.storage = null;
    this.maxCaptures = 0;
    this.autoCapture = false;
    this.loaded = false;
  }

  static override styles = css`
    :host {
      position: absolute;
      right: 0.75rem;
      top: 0.75rem;
      z-index: 4;
      box-sizing: border-box;
      max-width: min(22rem, calc(100% - 1.5rem));
      max-height: calc(100% - 1.5rem);
      overflow-y: auto;
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
      align-items: center;
      margin: 0;
    }
    dt {
      color: #9ca3af;
    }
    dd {
      margin: 0;
      /* The engine's reason is one long line (a GPU name): it wraps rather than widen the panel. */
      overflow-wrap: anywhere;
    }
    /* A thumb-sized target: the label toggles its input too. */
    label {
      min-height: 44px;
      display: inline-flex;
      align-items: center;
    }
    input[type='number'] {
      width: calc(6ch + 1.2rem);
      min-height: 44px;
      box-sizing: border-box;
      padding: 0 0.5rem;
      font: inherit;
    }
    input[type='checkbox'] {
      width: 1.4rem;
      height: 1.4rem;
      margin: 0 0.4rem 0 0;
      vertical-align: middle;
    }
    .detail {
      display: block;
      color: #d1d5db;
      font-size: 0.8rem;
    }
  `;

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    this.storage = await storageInfo();
    if (this.store) ({ maxCaptures: this.maxCaptures, autoCapture: this.autoCapture } = await this.store.settings());
    this.loaded = true;
  }

  private async setAuto(e: Event): Promise<void> {
    if (!this.store) return;
    await this.store.setAutoCapture((e.target as HTMLInputElement).checked);
    this.autoCapture = (await this.store.settings()).autoCapture;
    this.dispatchEvent(
      new CustomEvent<boolean>('auto-capture-changed', { detail: this.autoCapture, bubbles: true, composed: true }),
    );
  }

  private setHud(e: Event): void {
    this.hud = (e.target as HTMLInputElement).checked;
    this.dispatchEvent(new CustomEvent<boolean>('hud-changed', { detail: this.hud, bubbles: true, composed: true }));
  }

  private async setMax(e: Event): Promise<void> {
    const n = Number((e.target as HTMLInputElement).value);
    if (!this.store || !Number.isFinite(n) || n < 1) return;
    await this.store.setMaxCaptures(n);
    this.maxCaptures = (await this.store.settings()).maxCaptures;
  }

  override render() {
    const s = this.storage;
    return html`<dl data-testid="settings">
      <dt>Storage used</dt>
      <dd data-testid="storage-used">${s ? `${mb(s.usage)} of ${mb(s.quota)} available` : 'unknown'}</dd>
      <dt>Kept offline</dt>
      <dd>${s?.persisted ? 'yes (persistent)' : 'until the browser needs space'}</dd>
      <dt><label for="max">Keep at most</label></dt>
      <dd>
        <input
          id="max"
          type="number"
          min="1"
          step="1"
          .value=${String(this.maxCaptures)}
          ?disabled=${!this.loaded}
          @change=${this.setMax}
          data-testid="max-captures"
        />
        captures (oldest unreviewed go first)
      </dd>
      <dt><label for="auto">Auto-capture</label></dt>
      <dd>
        <input
          id="auto"
          type="checkbox"
          .checked=${this.autoCapture}
          ?disabled=${!this.loaded}
          @change=${this.setAuto}
          data-testid="auto-capture"
        />
        save each new number once it holds steady
      </dd>
      <dt><label for="hud">Performance</label></dt>
      <dd>
        <input id="hud" type="checkbox" .checked=${this.hud} @change=${this.setHud} data-testid="hud-toggle" />
        show frame rate and timings over the camera
      </dd>
      <dt>Model</dt>
      <dd>
        <span data-testid="model-version">${this.info?.version ?? ''}</span>
        at ${this.info?.inputSize ?? '–'} px
      </dd>
      <dt>Engine</dt>
      <dd>
        <span data-testid="backend">${this.info?.backend ?? ''}</span>
        <span class="detail" data-testid="backend-reason">${this.info?.reason ?? ''}</span>
      </dd>
    </dl>`;
  }
}

customElements.define('settings-panel', SettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
  interface HTMLElementEventMap {
    'auto-capture-changed': CustomEvent<boolean>;
    'hud-changed': CustomEvent<boolean>;
  }
}
