import { LitElement, css, html } from 'lit';
import type { ReadyInfo } from '../inference/shared/protocol.js';
import type { CaptureStore } from '../history/capture-store.js';
import { storageInfo, type StorageInfo } from '../offline/model-updates.js';
import '../learning/personal-model-panel.js';

const mb = (b: number): string => `${(b / 1e6).toFixed(1)} MB`;

/**
 * Settings: storage used / available and whether it is persistent; model and backend.
 *
 * @fires auto-capture-changed - detail: whether auto-capture is now on
 */
export class SettingsPanel extends LitElement {
  static override properties = {
    info: { attribute: false },
    store: { attribute: false },
    storage: { state: true },
    maxCaptures: { state: true },
    autoCapture: { state: true },
    loaded: { state: true },
  };

  declare info: ReadyInfo | null;
  declare store: CaptureStore | null;
  declare storage: StorageInfo | null;
  declare maxCaptures: number;
  declare autoCapture: boolean;
  /** Inputs stay disabled until the stored settings are shown: a tick before then would be overwritten. */
  declare loaded: boolean;

  constructor() {
    super();
    this.info = null;
    this.store = null;
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
    input[type='number'] {
      width: 6ch;
      font: inherit;
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
        <dt>Model</dt>
        <dd>${this.info?.version ?? '–'} at ${this.info?.inputSize ?? '–'} px</dd>
        <dt>Backend</dt>
        <dd>${this.info?.reason ?? '–'}</dd>
      </dl>
      <personal-model-panel .store=${this.store} .shippedVersion=${this.info?.version ?? null}></personal-model-panel>`;
  }
}

customElements.define('settings-panel', SettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
  interface HTMLElementEventMap {
    'auto-capture-changed': CustomEvent<boolean>;
  }
}
