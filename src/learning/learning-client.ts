/** Page side of the learning worker: one run at a time, with progress; cancel ends the worker. */
import type { LearnOptions, LearnResponse, LearnResult, ReplaySet, ReviewedCapture, Stage } from './protocol.js';

export class LearningCancelled extends Error {
  override name = 'LearningCancelled';
  constructor() {
    super('Learning was cancelled.');
  }
}

export class LearningRun {
  private worker: Worker | null;
  private reject: ((e: Error) => void) | null = null;
  readonly result: Promise<LearnResult>;

  constructor(
    captures: ReviewedCapture[],
    replay: ReplaySet | null,
    onProgress: (stage: Stage, fraction: number) => void,
    options: LearnOptions = {},
  ) {
    const w = new Worker(new URL('./learning.worker.ts', import.meta.url), { type: 'module', name: 'digit-learning' });
    this.worker = w;
    this.result = new Promise<LearnResult>((resolve, reject) => {
      this.reject = reject;
      w.onmessage = (e: MessageEvent<LearnResponse>) => {
        const m = e.data;
        if (m.type === 'progress') return onProgress(m.stage, m.fraction);
        this.end();
        if (m.type === 'done') resolve(m.result);
        else reject(new Error(m.message));
      };
      w.onerror = (e) => {
        e.preventDefault();
        this.end();
        reject(new Error(e.message || 'the learning worker stopped'));
      };
    });
    w.postMessage({ type: 'learn', captures, replay, options });
  }

  private end(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  /** Stops at once: the worker is ended, nothing it made is kept. */
  cancel(): void {
    if (!this.worker) return;
    this.end();
    this.reject?.(new LearningCancelled());
  }
}
