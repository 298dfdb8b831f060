import { LitElement, css, html, nothing } from 'lit';
import type { CaptureStore } from '../history/capture-store.js';
import { SPEECH_UNAVAILABLE, type SpeakSettings } from './speech-controller.js';

/**
 * Settings → Speak: say each new number aloud (off by default), as a number or digit by digit.
 * Stored with the other settings; the app's SpeechController hears of each change.
 *
 * @fires speak-changed - detail: SpeakSettings, after it is stored
 */
export class SpeakSettingsPanel extends LitElement {
  static override properties = {
    store: { attribute: false },
    available: { type: Boolean },
    speak: { state: true },
    digits: { state: true },
    loaded: { state: true },
  };

  declare store: CaptureStore | null;
  /** The device can speak: it has speechSynthesis, and no utterance has failed. */
  declare available: boolean;
  declare speak: boolean;
  declare digits: boolean;
  /** Off until the stored settings are shown: a tick before then would be overwritten. */
  declare loaded: boolean;

  constructor() {
    super();
    this.store = null;
    this.available = true;
    this.speak = false;
    this.digits = false;
    this.loaded = false;
  }

  static override styles = css`
    :host {
      display: block;
      margin-bottom: 0.5rem;
    }
    h3 {
      margin: 0.5rem 0 0.2rem;
      font-size: 1rem;
    }
    fieldset {
      border: 0;
      margin: 0;
      padding: 0 0 0 1.8rem;
    }
    fieldset:disabled {
      opacity: 0.6;
    }
    legend {
      padding: 0;
      color: #9ca3af;
    }
    /* Thumb-sized: each box is pressed through the label around it. */
    label {
      min-height: 44px;
      display: flex;
      align-items: center;
      gap: 0.4rem;
    }
    input {
      width: 1.4rem;
      height: 1.4rem;
      margin: 0;
      flex: none;
    }
    p {
      margin: 0;
      color: #d1d5db;
      font-size: 0.85rem;
    }
  `;

  override async connectedCallback(): Promise<void> {
    super.connectedCallback();
    if (this.store) ({ speak: this.speak, speakDigits: this.digits } = await this.store.settings());
    this.loaded = true;
  }

  private async set(key: 'speak' | 'speakDigits', on: boolean): Promise<void> {
    if (!this.store) return;
    await this.store.setSpeak(key, on);
    const s = await this.store.settings();
    this.speak = s.speak;
    this.digits = s.speakDigits;
    const detail: SpeakSettings = { speak: s.speak, speakDigits: s.speakDigits };
    this.dispatchEvent(new CustomEvent<SpeakSettings>('speak-changed', { detail, bubbles: true, composed: true }));
  }

  override render() {
    // Where speech failed, Speak can still be switched off, not on.
    const off = !this.loaded || (!this.available && !this.speak);
    return html`<section aria-labelledby="speak-title">
      <h3 id="speak-title">Speak</h3>
      <label
        ><input
          type="checkbox"
          .checked=${this.speak}
          ?disabled=${off}
          @change=${(e: Event) => this.set('speak', (e.target as HTMLInputElement).checked)}
          data-testid="speak"
        />
        Say each new number aloud, with a short vibration</label
      >
      ${this.available ? nothing : html`<p>${SPEECH_UNAVAILABLE}.</p>`}
      <fieldset ?disabled=${!this.loaded || !this.available || !this.speak}>
        <legend>Say 403 as</legend>
        <label
          ><input
            type="radio"
            name="how"
            .checked=${!this.digits}
            @change=${() => this.set('speakDigits', false)}
            data-testid="speak-as-number"
          />
          “four hundred and three”</label
        >
        <label
          ><input
            type="radio"
            name="how"
            .checked=${this.digits}
            @change=${() => this.set('speakDigits', true)}
            data-testid="speak-as-digits"
          />
          “four zero three”</label
        >
      </fieldset>
    </section>`;
  }
}

customElements.define('speak-settings', SpeakSettingsPanel);

declare global {
  interface HTMLElementTagNameMap {
    'speak-settings': SpeakSettingsPanel;
  }
  interface HTMLElementEventMap {
    'speak-changed': CustomEvent<SpeakSettings>;
  }
}
