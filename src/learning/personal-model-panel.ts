import { LitElement, css, html, nothing } from 'lit';
import type { CaptureStore } from '../history/capture-store.js';
import { LearningController, MIN_GLYPHS, figure, type LearningConfig } from './learning-controller.js';
import { PERSONAL_DROPPED, personalName, type PersonalSummary } from './personal-store.js';

const STAGE = {
  preparing: 'Preparing your corrections…',
  training: 'Learning your digit styles…',
  measuring: 'Checking on held-back captures…',
};

/**
 * Settings → Personal model: "Learn from my corrections" once there are enough reviewed digits,
 * its progress and Cancel, and the personal models with their figures (use, switch back, delete).
 */
export class PersonalModelPanel extends LitElement {
  static override properties = {
    store: { attribute: false },
    shippedVersion: { attribute: false },
    config: { attribute: false },
  };

  declare store: CaptureStore | null;
  /** The shipped model the app reads with now ("v3"). */
  declare shippedVersion: string | null;
  /** Tests point these elsewhere (database name, replay set, fewer epochs). */
  declare config: LearningConfig;
  private readonly learning = new LearningController(this, () => this.config);

  constructor() {
    super();
    this.store = null;
    this.shippedVersion = null;
    this.config = {};
  }

  static override styles = css`
    :host {
      display: block;
      margin-top: 0.6rem;
      border-top: 1px solid #374151;
      padding-top: 0.6rem;
    }
    h3 {
      font-size: 0.95rem;
      margin: 0 0 0.4rem;
    }
    p {
      margin: 0.3rem 0;
    }
    progress {
      width: 100%;
    }
    ul {
      list-style: none;
      padding: 0;
      margin: 0.4rem 0 0;
    }
    li {
      margin: 0.3rem 0;
    }
    .old {
      color: #fbbf24;
    }
    button {
      font: inherit;
      margin: 0.2rem 0.3rem 0 0;
      min-height: 2.2rem;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.learning.refresh(this.store);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('store') && changed.get('store') !== undefined) void this.learning.refresh(this.store);
  }

  private learn(): void {
    if (this.store && this.shippedVersion) void this.learning.learn(this.store, this.shippedVersion);
  }

  private model(m: PersonalSummary) {
    const inUse = this.learning.active === m.id;
    const old = this.shippedVersion !== null && m.baseVersion !== this.shippedVersion;
    return html`<li data-testid="personal-model">
      <strong>${personalName(m)}</strong>${inUse ? html` — <em data-testid="personal-in-use">in use</em>` : nothing}<br />
      Read ${figure(m.personalCorrect, m.heldOut)} held-back captures right; shipped model alone:
      ${figure(m.shippedCorrect, m.heldOut)}.
      ${
        old
          ? html`<br /><span class="old"
                >Made for an older model (${m.baseVersion}): not used with ${this.shippedVersion}. Learn again to bring your
                corrections to it.</span
              >`
          : nothing
      }
      <br />
      ${inUse || old ? nothing : html`<button @click=${() => this.learning.use(m.id)} data-testid="personal-use">Use</button>`}
      <button @click=${() => this.learning.delete(m.id)} data-testid="personal-delete" aria-label="Delete ${personalName(m)}">
        Delete
      </button>
    </li>`;
  }

  /** A personal model the detector switched off: said, with a way to delete it. */
  private renderDropped() {
    const m = this.learning.models.find((x) => x.id === this.learning.dropped);
    if (!m) return nothing;
    return html`<p class="old" role="alert" data-testid="personal-dropped">
      ${PERSONAL_DROPPED} (${personalName(m)})
      <button @click=${() => this.learning.delete(m.id)} data-testid="personal-dropped-delete">Delete it</button>
    </p>`;
  }

  override render() {
    const l = this.learning;
    const enough = l.glyphs >= MIN_GLYPHS;
    const hasOld = l.models.some((m) => this.shippedVersion !== null && m.baseVersion !== this.shippedVersion);
    return html`<section data-testid="personal-model-panel" aria-labelledby="personal-title">
      <h3 id="personal-title">Personal model</h3>
      ${
        l.learning
          ? html`<label
                >${STAGE[l.stage ?? 'preparing']}
                <progress
                  max="1"
                  .value=${l.stage === 'training' ? l.progress : l.stage === 'measuring' ? 1 : 0}
                  data-testid="learn-progress"
                ></progress>
              </label>
              <button @click=${() => l.cancel()} data-testid="learn-cancel">Cancel</button>`
          : enough
            ? html`<button @click=${this.learn} ?disabled=${!this.store || !this.shippedVersion} data-testid="learn">
                ${hasOld ? `Learn again on ${this.shippedVersion}` : 'Learn from my corrections'}
              </button>`
            : html`<p data-testid="learn-not-yet">
                Review at least ${MIN_GLYPHS} digits in History (now ${l.glyphs}) and the app can learn your digit styles, on this
                phone.
              </p>`
      }
      <p role="status" data-testid="learn-message">${l.message}</p>
      ${this.renderDropped()}
      ${
        l.models.length
          ? html`<ul>
                ${l.models.map((m) => this.model(m))}
              </ul>
              ${
                l.active !== null
                  ? html`<button @click=${() => l.use(null)} data-testid="personal-shipped">Use the shipped model only</button>`
                  : nothing
              }`
          : nothing
      }
    </section>`;
  }
}

customElements.define('personal-model-panel', PersonalModelPanel);

declare global {
  interface HTMLElementTagNameMap {
    'personal-model-panel': PersonalModelPanel;
  }
}
