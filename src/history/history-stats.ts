import { LitElement, css, html, nothing } from 'lit';
import type { FeedbackStats } from './feedback-stats.js';

/** 10 in the confusion counts: no digit there (a box the model invented, or a digit it missed). */
const NONE = 10;

const times = (n: number): string => `${n} time${n === 1 ? '' : 's'}`;

/** One misreading in plain words: what was read, what was really there, how often. */
export function misreadSentence(read: number, was: number, n: number): string {
  if (read === NONE) return `Missed a ${was}: ${times(n)}`;
  if (was === NONE) return `Read ${read} where there was no digit: ${times(n)}`;
  return `Read ${read} where it was ${was}: ${times(n)}`;
}

/** A version's figures, each with its label (and a test id where a test reads it). */
const figures = (v: FeedbackStats['versions'][number]): Array<[string, string | number, string?]> => [
  ['Model', v.version],
  ['Captures', v.captures],
  ['Confirmed', v.confirmed],
  ['Corrected', v.corrected, 'stats-corrected'],
];

/**
 * History's stats panel: per model version, how many captures were kept, confirmed and
 * corrected, and which digits were misread as which.
 */
export class HistoryStats extends LitElement {
  static override properties = {
    stats: { attribute: false },
  };

  declare stats: FeedbackStats | null;

  constructor() {
    super();
    this.stats = null;
  }

  static override styles = css`
    :host {
      display: block;
      padding: 0.4rem 0.75rem;
      color: #d1fae5;
    }
    /* One block per model version, its figures side by side, each a label over its number; they
       wrap onto the next line where the screen or the font is narrower, so nothing is cut or
       scrolls sideways whatever font the phone has. */
    .version {
      display: flex;
      flex-wrap: wrap;
      gap: 0.2rem 1rem;
      margin: 0 0 0.4rem;
      font-size: 0.9rem;
    }
    .version div {
      display: flex;
      flex-direction: column;
      min-width: 0;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    ul {
      margin: 0;
      padding-left: 1.2rem;
    }
  `;

  override render() {
    const s = this.stats;
    if (!s) return nothing;
    const cells: Array<[number, number, number]> = [];
    s.confusion.forEach((row, p) => row.forEach((n, t) => n && p !== t && cells.push([p, t, n])));
    return html`<div class="stats" data-testid="history-stats-panel">
      ${s.versions.map(
        (v) =>
          html`<dl class="version" data-testid="stats-version">
            ${figures(v).map(
              ([label, value, id]) =>
                html`<div>
                  <dt>${label}</dt>
                  <dd data-testid=${id ?? nothing}>${value}</dd>
                </div>`,
            )}
          </dl>`,
      )}
      <div data-testid="stats-confusion">
        ${
          cells.length
            ? html`<ul>
                ${cells.map(([p, t, n]) => html`<li class="cell">${misreadSentence(p, t, n)}</li>`)}
              </ul>`
            : 'No misread digits recorded.'
        }
      </div>
    </div>`;
  }
}

customElements.define('history-stats', HistoryStats);

declare global {
  interface HTMLElementTagNameMap {
    'history-stats': HistoryStats;
  }
}
