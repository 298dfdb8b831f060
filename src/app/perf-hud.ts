import { LitElement, css, html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { LoopStats } from '../inference/page/frame-loop.js';
import type { ReadyInfo } from '../inference/shared/protocol.js';
import type { PerfStats } from './perf-stats.js';

/** How often the HUD reads its figures again (ms): often enough to watch, cheap to draw. */
export const HUD_REFRESH_MS = 250;

/**
 * Asks its host to render again every `ms` while it is connected. The HUD shows objects that
 * change in place (PerfStats, LoopStats): bound again, the same object is no change to Lit.
 */
class RefreshController implements ReactiveController {
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly ms: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.timer = setInterval(() => this.host.requestUpdate(), this.ms);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}

/** Performance HUD: FPS, median inference ms (last 30), backend, model version, frames skipped while busy. */
export class PerfHud extends LitElement {
  static override properties = { stats: { attribute: false }, info: { attribute: false }, loop: { attribute: false } };

  declare stats: PerfStats | null;
  declare info: ReadyInfo | null;
  declare loop: LoopStats | null;

  constructor() {
    super();
    this.stats = null;
    this.info = null;
    this.loop = null;
    new RefreshController(this, HUD_REFRESH_MS);
  }

  static override styles = css`
    /* Placed by the app, above its messages: never over them. */
    :host {
      display: block;
      font:
        12px/1.4 ui-monospace,
        monospace;
      color: #d1fae5;
      background: rgb(0 0 0 / 0.6);
      padding: 0.4rem 0.6rem;
      border-radius: 0.4rem;
      pointer-events: none;
      /* The engine's reason names the GPU in one long line: wrap it inside the view. */
      overflow-wrap: anywhere;
    }
  `;

  override render() {
    const s = this.stats;
    const f = (v: number | undefined): string => (v === undefined || Number.isNaN(v) ? '–' : v.toFixed(1));
    return html`<div data-testid="hud">
      <div>fps ${f(s?.fps)} · infer ${f(s?.medianInferenceMs)} ms · frame→result ${f(s?.medianEndToEndMs)} ms</div>
      <div>${this.info?.backend ?? '–'} · model ${this.info?.version ?? '–'} · input ${this.info?.inputSize ?? '–'}</div>
      ${this.info?.reason ? html`<div>${this.info.reason}</div>` : ''}
      <div>
        load ${f(this.info?.loadMs)} ms · warm-up ${f(this.info?.warmupMs)} ms · ${this.loop?.dropped ?? 0} frames skipped while
        busy
      </div>
    </div>`;
  }
}

customElements.define('perf-hud', PerfHud);

declare global {
  interface HTMLElementTagNameMap {
    'perf-hud': PerfHud;
  }
}
