import type { FrameSource } from '../../camera/frame-source.js';
import type { DetectorClient } from './detector-client.js';
import { MAX_FRAME_SIDE, type FrameResult } from '../shared/protocol.js';

export interface LoopStats {
  sent: number;
  /** Display frames skipped because a detection was still in flight or waiting (dropped, never queued). */
  dropped: number;
}

/**
 * Pulls frames from a source and sends them to the worker, at most one in flight: frames that
 * arrive while the worker is busy are dropped, so latency never builds up and memory stays flat.
 */
export class FrameLoop {
  readonly stats: LoopStats = { sent: 0, dropped: 0 };
  private running = false;
  private busy = false;
  private raf = 0;

  constructor(
    private readonly source: FrameSource,
    private readonly client: DetectorClient,
    private readonly onResult: (r: FrameResult, frameToResultMs: number) => void,
    private readonly onError: (e: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  stop(): void {
    this.running = false;
    cancelAnimationFrame(this.raf);
  }

  private readonly tick = (): void => {
    if (!this.running) return;
    this.raf = requestAnimationFrame(this.tick);
    if (this.busy || this.client.busy) {
      this.stats.dropped++;
      return;
    }
    this.busy = true;
    void this.step().finally(() => (this.busy = false));
  };

  private async step(): Promise<void> {
    const t0 = performance.now();
    const frame = await this.source.grabFrame(MAX_FRAME_SIDE);
    if (!frame || !this.running) {
      frame?.bitmap.close();
      return;
    }
    this.stats.sent++;
    try {
      // Dropped, not queued, when the worker is busy with something else (a capture's frame).
      const r = await this.client.detect(frame.bitmap, { droppable: true });
      if (!r) {
        this.stats.sent--;
        this.stats.dropped++;
      } else if (this.running) this.onResult(r, performance.now() - t0);
    } catch (e) {
      this.onError(e);
    }
  }
}
