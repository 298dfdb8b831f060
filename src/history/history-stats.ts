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
    /* Four columns fit a 320 px screen; a longer model name wraps, and anything wider still
       scrolls inside the panel rather than past the screen's edge. */
    .table {
      overflow-x: auto;
      margin-bottom: 0.4rem;
    }
    table {
      border-collapse: collapse;
      font-size: 0.9rem;
    }
    ul {
      margin: 0;
      padding-left: 1.2rem;
    }
    td,
    th {
      padding: 0.15rem 0.25rem;
      text-align: left;
    }
    td:first-child {
      overflow-wrap: anywhere;
    }
  `;

  override render() {
    const s = this.stats;
    if (!s) return nothing;
    const cells: Array<[number, number, number]> = [];
    s.confusion.forEach((row, p) => row.forEach((n, t) => n && p !== t && cells.push([p, t, n])));
    return html`<div class="stats" data-testid="history-stats-panel">
      <div class="table">
        <table>
          <tr>
            <th>Model</th>
            <th>Captures</th>
            <th>Confirmed</th>
            <th>Corrected</th>
          </tr>
          ${s.versions.map(
            (v) =>
              html`<tr data-testid="stats-version">
                <td>${v.version}</td>
                <td>${v.captures}</td>
                <td>${v.confirmed}</td>
                <td data-testid="stats-corrected">${v.corrected}</td>
              </tr>`,
          )}
        </table>
      </div>
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
