/** Rolling performance figures for the HUD and the benchmark: FPS and median inference time. */
export class PerfStats {
  private inference: number[] = [];
  private endToEnd: number[] = [];
  private stamps: number[] = [];

  constructor(private readonly window = 30) {}

  add(inferenceMs: number, frameToResultMs: number, now = performance.now()): void {
    const push = (a: number[], v: number): void => {
      a.push(v);
      if (a.length > this.window) a.shift();
    };
    push(this.inference, inferenceMs);
    push(this.endToEnd, frameToResultMs);
    push(this.stamps, now);
  }

  static median(xs: number[]): number {
    if (!xs.length) return NaN;
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  }

  get medianInferenceMs(): number {
    return PerfStats.median(this.inference);
  }

  get medianEndToEndMs(): number {
    return PerfStats.median(this.endToEnd);
  }

  /** Detections per second over the window. */
  get fps(): number {
    const n = this.stamps.length;
    if (n < 2) return 0;
    return ((n - 1) * 1000) / (this.stamps[n - 1] - this.stamps[0]);
  }
}
