import { html, nothing } from 'lit';
import { GUIDANCE_TEXT, type Guidance } from './reading-controller.js';

export interface ReadingViewState {
  /** The steady reading, or '' */
  reading: string;
  /** A reading that has not held steady yet (shown faded), or '' */
  tentative: string;
  guidance: Guidance;
  /** What the live region says: the steady reading (the default), or Find's news while it is on. */
  said?: string;
  /** The browser has a share sheet. */
  share: boolean;
  /** The camera can zoom in: "Move closer" then comes with a Zoom in button. */
  zoom: boolean;
}

export interface ReadingViewActions {
  copy(text: string): void;
  share(text: string): void;
  zoomIn(): void;
}

/**
 * The reading over the view: tap to copy; guidance (with the camera's zoom where it has one) when
 * nothing is read. Rendered in the app's shadow root, so the app's styles place it.
 */
export function readingView(s: ReadingViewState, act: ReadingViewActions) {
  const shown = s.reading || s.tentative;
  // The button is named for what it does ("403, copy"); the steady reading alone is said, once, by
  // the live region after it (a tentative one never is).
  return html`
    <button
      class="reading ${s.reading ? '' : 'tentative'}"
      data-testid="reading"
      aria-label="${shown}, copy"
      title="Copy"
      ?hidden=${!shown}
      @click=${() => act.copy(shown)}
    >
      ${shown}
    </button>
    <div class="said" role="status" data-testid="reading-said">${s.said ?? s.reading}</div>
    ${
      s.guidance && !shown
        ? html`<div class="guidance" role="status" data-testid="guidance">
            ${GUIDANCE_TEXT[s.guidance]}
            ${
              s.guidance === 'move-closer' && s.zoom
                ? html`<button data-testid="zoom-in" @click=${() => act.zoomIn()}>Zoom in</button>`
                : nothing
            }
          </div>`
        : nothing
    }
  `;
}

/**
 * Share, among the actions, where the browser has a share sheet. Its place is kept while there is
 * no number to share (invisible, so neither Tab nor a screen reader finds it): the actions never
 * move when a reading appears or goes.
 */
export function shareAction(s: ReadingViewState, act: ReadingViewActions) {
  const shown = s.reading || s.tentative;
  if (!s.share) return nothing;
  return html`<button
    class=${shown ? '' : 'keep-place'}
    data-testid="share"
    aria-label="Share ${shown}"
    ?disabled=${!shown}
    @click=${() => act.share(shown)}
  >
    Share
  </button>`;
}
