import { html, nothing } from 'lit';
import { GUIDANCE_TEXT, type Guidance } from './reading-controller.js';

export interface ReadingViewState {
  /** The steady reading, or '' */
  reading: string;
  /** A reading that has not held steady yet (shown faded), or '' */
  tentative: string;
  guidance: Guidance;
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
  return html`
    <button
      class="reading ${s.reading ? '' : 'tentative'}"
      data-testid="reading"
      aria-live="polite"
      title="Copy"
      ?hidden=${!shown}
      @click=${() => act.copy(shown)}
    >
      ${shown}
    </button>
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
