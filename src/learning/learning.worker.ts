/**
 * The learning worker: trains the personal glyph classifier on the user's reviewed captures and
 * the replay set, measures it on the held-out captures, and sends back its weights and figures.
 * It stores nothing: the page decides whether to keep the model. Cancel = the page ends it.
 */
import * as tf from '@tensorflow/tfjs-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { buildGlyphModel, classifyGlyphs, saveGlyphModel, trainGlyphModel } from './glyph-model.js';
import { cropGlyphs } from './glyph-crop.js';
import { measure, splitCaptures, type HeldOutCase } from './held-out.js';
import {
  DEFAULT_SEED,
  type LearnOptions,
  type LearnRequest,
  type LearnResponse,
  type ReplaySet,
  type ReviewedCapture,
  type Stage,
} from './protocol.js';
import { readBoxes } from './relabel.js';
import { concat, replayGlyphs, userGlyphs } from './training-set.js';
import { seeded } from './seeded.js';
import { registerWasmConvGradient } from './wasm-conv-grad.js';

declare const self: DedicatedWorkerGlobalScope;

const post = (msg: LearnResponse, transfer: Transferable[] = []): void => self.postMessage(msg, transfer);
const progress = (stage: Stage, fraction: number): void => post({ type: 'progress', stage, fraction });

/** WASM as the detector uses it (no threads: see inference/worker/backend-setup.ts), else the CPU backend. */
async function useBackend(): Promise<string> {
  try {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    registerWasmConvGradient();
    if (await tf.setBackend('wasm')) return 'wasm';
  } catch {
    // fall through to the CPU backend
  }
  await import('@tensorflow/tfjs-backend-cpu');
  await tf.setBackend('cpu');
  return 'cpu';
}

/** Held-out captures: the boxes the detector read, their crops, and the personal model's guess for each. */
async function heldOutCases(
  captures: ReviewedCapture[],
  model: Parameters<typeof classifyGlyphs>[0],
): Promise<{ cases: HeldOutCase[]; glyphs: Float32Array }> {
  const cases: HeldOutCase[] = [];
  const crops: Float32Array[] = [];
  for (const c of captures) {
    const boxes = readBoxes(c.predictions);
    const image = await createImageBitmap(c.image);
    try {
      const glyphs = cropGlyphs(image, boxes);
      crops.push(glyphs);
      cases.push({ truth: c.truth, boxes, guesses: classifyGlyphs(model, glyphs) });
    } finally {
      image.close();
    }
  }
  return { cases, glyphs: concat(crops) };
}

async function learn(captures: ReviewedCapture[], replay: ReplaySet | null, o: LearnOptions = {}): Promise<void> {
  const t0 = performance.now();
  progress('preparing', 0);
  const backend = await useBackend();
  const { train, heldOut } = splitCaptures(captures);
  const seed = o.seed ?? DEFAULT_SEED;
  const mine = await userGlyphs(train, o.copies ?? 3, seeded(seed));
  const shipped = replay ? await replayGlyphs(replay) : { glyphs: new Float32Array(0), labels: [] };
  progress('preparing', 1);
  const model = buildGlyphModel(seed);
  let peakTensorBytes = 0;
  try {
    await trainGlyphModel(model, concat([mine.glyphs, shipped.glyphs]), [...mine.labels, ...shipped.labels], {
      epochs: o.epochs ?? 10,
      batchSize: 32,
      seed,
      onProgress: (f) => {
        peakTensorBytes = Math.max(peakTensorBytes, tf.memory().numBytes);
        progress('training', f);
      },
    });
    progress('measuring', 0);
    const held = await heldOutCases(heldOut, model);
    const figures = measure(held.cases);
    const weights = await saveGlyphModel(model);
    const heap = (tf.backend() as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.length ?? 0;
    post(
      {
        type: 'done',
        result: {
          weights,
          // The same crops check the stored model before each use (src/learning/personal-check.ts).
          trial: { cases: held.cases.map(({ truth, boxes }) => ({ truth, boxes })), glyphs: held.glyphs.buffer as ArrayBuffer },
          ...figures,
          heldOut: heldOut.length,
          trainGlyphs: mine.labels.length / (o.copies ?? 3),
          replayGlyphs: shipped.labels.length,
          ms: performance.now() - t0,
          backend,
          peakTensorBytes,
          heapBytes: heap,
        },
      },
      [weights.data],
    );
  } finally {
    model.dispose();
  }
}

self.onmessage = (e: MessageEvent<LearnRequest>): void => {
  if (e.data.type !== 'learn') return;
  learn(e.data.captures, e.data.replay, e.data.options).catch((err: unknown) =>
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
};
