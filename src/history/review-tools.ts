import { html, nothing } from 'lit';

/** The id of the line that says why the box tools are off; the disabled buttons point at it. */
export const WHY_DISABLED = 'why-disabled';

/** How to correct a reading, for someone who has never seen the review screen. */
export const reviewHint = html`<p class="hint" data-testid="review-hint">
  Tap a box, then the right digit. Missed a digit? Tap Add box and drag over it. A box on nothing? Select it, then Delete box.
  Keyboard: Tab to a box, type its digit, arrows move it, Shift+arrows resize it, Delete removes it.
</p>`;

/** The digit buttons that relabel the selected box; with none selected they are off and say why. */
export const digitButtons = (none: boolean, relabel: (digit: number) => void) =>
  html`<div class="panel">
    ${[0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(
      (d) =>
        html`<button
          ?disabled=${none}
          aria-describedby=${none ? WHY_DISABLED : nothing}
          @click=${() => relabel(d)}
          data-testid="relabel-${d}"
        >
          ${d}
        </button>`,
    )}
    ${none ? html`<span id=${WHY_DISABLED} class="why" data-testid="review-why">Select a box first</span>` : nothing}
  </div>`;

/**
 * Save and confirm first in the tools: right after the boxes in Tab order (one Tab from the last
 * box edit), and at the top of the side column in landscape, where the rest may scroll.
 */
export const reviewActions = (o: {
  learnable: boolean;
  message: string;
  save: (confirmed: boolean) => void;
  learn: () => void;
}) =>
  html`<div class="panel">
    <button class="primary" @click=${() => o.save(false)} data-testid="save-correction">Save correction</button>
    <button @click=${() => o.save(true)} data-testid="confirm">Reading is right</button>
    ${o.learnable ? html`<button @click=${o.learn} data-testid="review-learn">Learn from my corrections</button>` : nothing}
    ${o.message ? html`<span role="alert">${o.message}</span>` : nothing}
  </div>`;
