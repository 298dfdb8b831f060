import { LitElement, css, html } from 'lit';
import type { LoopStats } from '../inference/frame-loop.js';
import type { ReadyInfo } from '../inference/protocol.js';
import type { PerfStats } from './perf-stats.js';

/** Performance HUD: FPS, median inference ms (last 30), backend, model version, dropped frames. */
export class PerfHud extends LitElement {
  static override properties = { stats: { attribute: false }, info: { attribute: false }, loop: { attribute: false } };

  stats: PerfStats | null = null;
  info: ReadyInfo | null = null;
  loop: LoopStats | null = null;

  static override styles = css`
    :host {
      position: absolute;
      left: 0.5rem;
      bottom: 0.5rem;
      font:
        12px/1.4 ui-monospace,
        monospace;
      color: #d1fae5;
      background: rgb(0 0 0 / 0.6);
      padding: 0.4rem 0.6rem;
      border-radius: 0.4rem;
      pointer-events: none;
    }
  `;

  override render() {
    const s = this.stats;
    const f = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(1));
    return html`<div data-testid="hud">
      <div>fps ${f(s?.fps)} · infer ${f(s?.medianInferenceMs)} ms · frame→result ${f(s?.medianEndToEndMs)} ms</div>
      <div>${this.info?.backend ?? '–'} · model ${this.info?.version ?? '–'} · input ${this.info?.inputSize ?? '–'}</div>
      <div>load ${f(this.info?.loadMs)} ms · warm-up ${f(this.info?.warmupMs)} ms · dropped ${this.loop?.dropped ?? 0}</div>
    </div>`;
  }
}

customElements.define('perf-hud', PerfHud);

declare global {
  interface HTMLElementTagNameMap {
    'perf-hud': PerfHud;
  }
}
