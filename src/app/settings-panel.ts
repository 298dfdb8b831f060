import { LitElement, css, html, nothing } from 'lit';
import type { ReadyInfo } from '../inference/shared/protocol.js';
import type { CaptureStore } from '../history/capture-store.js';
import { storageInfo, type StorageInfo } from '../offline/model-updates.js';
import '../learning/personal-model-panel.js';
import { parseMaxCaptures } from '../history/max-captures.js';
import { buttonStyles } from '../styles/buttons.js';
import { screenStyles } from '../styles/screen.js';
import { engineInWords, engineName, sizeInWords } from './engine-words.js';
import { InstallController } from './install-prompt.js';
import './speak-settings.js';
import { ScreenController } from './screen-controller.js';

/**
 * Settings, a screen of its own: Speak; storage used / available and whether it is persistent; model and
 * engine (the details kept off the main screen); the performance figures over the camera;
 * installing the app.
 *
 * @fires auto-capture-changed - detail: whether auto-capture is now on
 * @fires hud-changed - detail: whether the performance figures are now shown
 * @fires settings-close - the user closed Settings (not bubbling: the app listens on the panel)
 */
export class SettingsPanel extends LitElement {
  static override properties = {
    maxProblem: { state: true },
    info: { attribute: false },
    modelDetail: { attribute: false },
    store: { attribute: false },
    hud: { type: Boolean },
    speechAvailable: { type: Boolean },
    storage: { state: true },
    maxCaptures: { state: true },
    autoCapture: { state: true },
    loaded: { state: true },
  };

  declare info: ReadyInfo | null;
  /** The technical detail of the last model problem (the main screen says it in plain words). */
  declare modelDetail: string;
  declare store: CaptureStore | null;
  declare hud: boolean;
  /** The browser can speak (Settings → Speak). */
  declare speechAvailable: boolean;
  declare storage: StorageInfo | null;
  declare maxCaptures: number;
  declare autoCapture: boolean;
  /** Inputs stay disabled until the stored settings are shown: a tick before then would be overwritten. */
  declare loaded: boolean;
  /** Why the typed "Keep at most" was refused; empty when it was not. */
  declare maxProblem: string;
  private readonly screen = new ScreenController(this, {
    title: 'Settings',
    closeId: 'settings-close',
    close: () => this.dispatchEvent(new CustomEvent('settings-close')),
  });
  private readonly install = new InstallController(this);

  constructor() {
    super();
    this.info = null;
    this.modelDetail = '';
    this.store = null;
    this.hud = false;
    this.speechAvailable = true;
    this.storage = null;
    this.maxCaptures = 0;
    this.autoCapture = false;
    this.loaded = false;
    this.maxProblem = '';
  }

  static override styles = [
    buttonStyles,
    screenStyles,
    css`
      :host {
        background: #111827;
        z-index: 5;
      }
      .body {
        flex: 1;
        overflow-y: auto;
        padding: 0.5rem 1rem 1rem;
      }
      /* Each label on the line of its value's first line of text (centred, "Reads on" sat halfway
         down its value and the Engine details under it). */
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.3rem 0.8rem;
        align-items: baseline;
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
      /* A thumb-sized target: the label toggles its input too, and a checkbox is pressed through the
         label around it (the box itself is 22 px). */
      label {
        min-height: 44px;
        display: inline-flex;
        align-items: center;
      }
      /* A value's checkbox sits on its first line of text, so the label beside lines up with it. */
      dd label {
        align-items: baseline;
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
        margin: 0 0.4rem -0.25rem 0;
        vertical-align: middle;
        flex: none;
      }
      .detail {
        display: block;
        color: #d1d5db;
        font-size: 0.8rem;
      }
      dd p {
        margin: 0;
      }
      summary {
        min-height: 44px;
        line-height: 44px;
        cursor: pointer;
        color: #d1d5db;
      }
      #max-problem {
        color: #fca5a5;
      }
    `,
  ];

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
    const typed = parseMaxCaptures((e.target as HTMLInputElement).value);
    if (!this.store) return;
    if ('problem' in typed) {
      this.maxProblem = typed.problem;
      return;
    }
    this.maxProblem = '';
    await this.store.setMaxCaptures(typed.value);
    this.maxCaptures = (await this.store.settings()).maxCaptures;
  }

  override render() {
    const s = this.storage;
    return html`${this.screen.renderHead()}
      <div class="body">
        <speak-settings .store=${this.store} ?available=${this.speechAvailable}></speak-settings>
        <dl data-testid="settings">
          <dt>Storage used</dt>
          <dd data-testid="storage-used">${s ? `${sizeInWords(s.usage)} of ${sizeInWords(s.quota)} available` : 'unknown'}</dd>
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
              aria-invalid=${this.maxProblem ? 'true' : 'false'}
              aria-describedby="max-problem"
              @change=${this.setMax}
              data-testid="max-captures"
            />
            captures (oldest unreviewed go first)
            <div id="max-problem" role="alert" data-testid="max-captures-problem">${this.maxProblem}</div>
          </dd>
          <dt><label for="auto">Auto-capture</label></dt>
          <dd>
            <label
              ><input
                id="auto"
                type="checkbox"
                .checked=${this.autoCapture}
                ?disabled=${!this.loaded}
                @change=${this.setAuto}
                data-testid="auto-capture"
              />
              save each new number once it holds steady</label
            >
          </dd>
          <dt><label for="hud">Performance</label></dt>
          <dd>
            <label
              ><input id="hud" type="checkbox" .checked=${this.hud} @change=${this.setHud} data-testid="hud-toggle" /> show frame
              rate and timings over the camera</label
            >
          </dd>
          <dt>Model</dt>
          <dd data-testid="model-version">${this.info?.version ?? ''}</dd>
          <dt>Reads on</dt>
          <dd>
            ${this.info ? engineInWords(this.info.backend) : 'starting…'}
            <details>
              <summary>Engine details</summary>
              <span class="detail"
                >${engineName(this.info?.backend)} (<span data-testid="backend">${this.info?.backend ?? ''}</span>), input
                ${this.info?.inputSize ?? '–'} px</span
              >
              <span class="detail" data-testid="backend-reason">${this.info?.reason ?? ''}</span>
              ${this.modelDetail ? html`<span class="detail" data-testid="model-detail">${this.modelDetail}</span>` : nothing}
            </details>
          </dd>
          ${this.renderInstall()}
        </dl>
        <personal-model-panel .store=${this.store} .shippedVersion=${this.info?.version ?? null}></personal-model-panel>
      </div>`;
  }

  /** "Install app" where the browser offers it; elsewhere how to add it from the browser's menu. */
  private renderInstall() {
    if (this.install.installed) return nothing;
    return html`<dt>Install</dt>
      <dd>
        ${
          this.install.canInstall
            ? html`<button @click=${() => void this.install.install()} data-testid="install-app">Install app</button>`
            : html`<p data-testid="install-hint">
                To keep Digit Lens on your home screen, open your browser's menu or Share button and choose “Add to Home Screen”.
              </p>`
        }
      </dd>`;
  }
}

customElements.define('settings-panel', SettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'settings-panel': SettingsPanel;
  }
  interface HTMLElementEventMap {
    'auto-capture-changed': CustomEvent<boolean>;
    'settings-close': CustomEvent<void>;
    'hud-changed': CustomEvent<boolean>;
  }
}
