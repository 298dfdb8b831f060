/**
 * Runs in headless Chromium (driven by scripts/bench-learning.ts): N reviewed captures of a
 * seven-segment style, read by the shipped detector, then one learning run in the learning
 * worker on WASM, as the app does it. Sets window.benchResult.
 */
import { LearningRun } from '../../src/learning/learning-client.js';
import type { ReviewedCapture } from '../../src/learning/protocol.js';
import { loadReplaySet } from '../../src/learning/replay-set.js';
import { readScene } from '../helpers/learning-fixture.js';
import { sevenSegmentScene } from '../helpers/seven-segment.js';

const w = window as unknown as { benchResult?: unknown; benchError?: string };

async function main(): Promise<void> {
  const n = Number(new URLSearchParams(location.search).get('captures') ?? 30);
  const captures: ReviewedCapture[] = [];
  for (let i = 0; i < n; i++) {
    const scene = sevenSegmentScene(1000 + i);
    const numbers = await readScene(scene);
    captures.push({
      id: `seg-${i}`,
      image: await scene.canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 }),
      predictions: numbers.flatMap((m) => m.boxes),
      truth: scene.number,
      boxes: scene.boxes,
    });
  }
  const replay = await loadReplaySet();
  const t0 = performance.now();
  const run = new LearningRun(captures, replay, () => undefined);
  const result = await run.result;
  const { weights, ...figures } = result;
  w.benchResult = { ...figures, captures: n, wallMs: performance.now() - t0, weightBytes: weights.data.byteLength };
}

main().catch((e: unknown) => (w.benchError = e instanceof Error ? (e.stack ?? e.message) : String(e)));
