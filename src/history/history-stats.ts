import { LitElement, css, html, nothing } from 'lit';
import type { FeedbackStats } from './feedback-stats.js';

/** A digit as the stats show it: 10 is "no digit there" (a missed or extra box). */
const label = (d: number): string => (d === 10 ? '∅' : String(d));

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
    table {
      border-collapse: collapse;
      margin-bottom: 0.4rem;
    }
    td,
    th {
      padding: 0.15rem 0.5rem;
      text-align: left;
    }
  `;

  override render() {
    const s = this.stats;
    if (!s) return nothing;
    const cells: Array<[number, number, number]> = [];
    s.confusion.forEach((row, p) => row.forEach((n, t) => n && p !== t && cells.push([p, t, n])));
    return html`<div class="stats" data-testid="history-stats-panel">
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
      <div data-testid="stats-confusion">
        ${
          cells.length
            ? cells.map(([p, t, n]) => html`<span class="cell">read ${label(p)} → was ${label(t)}: ${n}</span> `)
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
