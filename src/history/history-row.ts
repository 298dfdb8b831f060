import { css, html, nothing } from 'lit';
import { engineInWords, engineName } from '../app/engine-words.js';
import type { CaptureRecord, CorrectionRecord } from './schema.js';

/** What a row's buttons do, and where its thumbnail comes from; History provides them. */
export interface RowActions {
  thumb(c: CaptureRecord): string;
  copy(reading: string): void;
  /** Present only where the browser has a share sheet. */
  share?: (reading: string) => void;
  review(c: CaptureRecord): void;
  remove(c: CaptureRecord, shown: string): void;
}

/** The number a capture stands for now: the user's correction when there is one, else what was read. */
export const shownNumber = (c: CaptureRecord, k: CorrectionRecord | undefined): string => k?.reading ?? c.reading;

/** When, in the user's own date and time format (no seconds). */
const when = (time: number): string => {
  const d = new Date(time);
  return `${d.toLocaleDateString()}, ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`;
};

const status = (k: CorrectionRecord | undefined): string =>
  !k ? 'Not reviewed' : k.confirmed ? 'Reading confirmed' : 'Corrected';

/** How it was read, for the curious: one tap away under Details. */
const details = (c: CaptureRecord): string => {
  const ms = c.timings?.inferenceMs;
  const took = typeof ms === 'number' && ms > 0 ? `, in ${Math.round(ms)} ms` : '';
  const on = `${engineInWords(c.backend)} (${engineName(c.backend)})`;
  return `${c.source === 'photo' ? 'From a photo' : 'From the camera'}; read by model ${c.modelVersion} on ${on}${took}.`;
};

/**
 * One capture in History: thumbnail, the number (corrected when it was, with what was read),
 * when and whether it was reviewed, the model's details folded away, and its buttons. A
 * template in History's own shadow root, so its test ids stay where they were.
 */
export function historyRow(c: CaptureRecord, k: CorrectionRecord | undefined, a: RowActions) {
  const shown = shownNumber(c, k);
  const changed = k !== undefined && k.reading !== c.reading;
  return html`<li data-testid="history-item">
    <img src=${a.thumb(c)} alt=${`Capture ${shown || 'without a number'}`} loading="lazy" />
    <div>
      <div class="reading" data-testid="history-reading">${shown || '—'}</div>
      ${
        changed
          ? html`<div class="was" data-testid="history-corrected-from">corrected from ${c.reading || 'nothing'}</div>`
          : nothing
      }
      <div class="meta" data-testid="history-meta">${when(c.time)} · ${status(k)}</div>
      <details data-testid="history-details">
        <summary>Details</summary>
        ${details(c)}
      </details>
    </div>
    ${
      shown
        ? html`<button @click=${() => a.copy(shown)} aria-label=${`Copy ${shown}`} data-testid="history-copy">Copy</button>`
        : nothing
    }
    ${
      shown && a.share
        ? html`<button @click=${() => a.share!(shown)} aria-label=${`Share ${shown}`} data-testid="history-share">Share</button>`
        : nothing
    }
    <button @click=${() => a.review(c)} aria-label=${`Review capture ${shown}`} data-testid="history-review">Review</button>
    <button @click=${() => a.remove(c, shown)} aria-label=${`Delete capture ${shown}`} data-testid="history-delete">
      Delete
    </button>
  </li>`;
}

/** The row's own parts: the "corrected from" note and the folded details; the Undo offer. */
export const historyRowStyles = css`
  .was {
    font-size: 0.8rem;
    color: #fcd34d;
  }
  details {
    font-size: 0.8rem;
    color: #9ca3af;
  }
  /* A thumb-sized target, like every button (the text alone was 15 px tall). */
  summary {
    cursor: pointer;
    min-height: 44px;
    line-height: 44px;
  }
  .undo {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    justify-content: space-between;
    margin: 0 0.75rem 0.5rem;
    padding: 0.4rem 0.5rem 0.4rem 0.9rem;
    border-radius: 0.6rem;
    background: #1f2937;
    color: #f9fafb;
  }
`;
