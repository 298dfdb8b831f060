/**
 * Runs in headless Chromium (driven by scripts/bench-side-by-side.ts): our detector on the WASM
 * backend vs Tesseract.js (digit whitelist, local English data) on the same images, plus a
 * reference SSD-MobileNetV2 (width 0.5, 320 px, random weights) timed for cross-machine ratios.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { createWorker, PSM } from 'tesseract.js';
import { DigitDetector } from '../../src/detector/detector.js';
import { bitmapCrop } from '../../src/reader/bitmap-crop.js';
import { LineReader } from '../../src/reader/line-reader.js';
import { readFrameTwoStage } from '../../src/reader/read-frame.js';

interface Rec {
  file: string;
  number?: string;
}

export interface EngineResult {
  name: string;
  startupMs: number;
  times: number[];
  correct: number;
  total: number;
  detail?: string;
}

const log = (s: string): void => {
  document.getElementById('log')!.textContent += s + '\n';
};

async function images(recs: Rec[]): Promise<Array<{ rec: Rec; bitmap: ImageBitmap; blob: Blob }>> {
  return Promise.all(
    recs.map(async (rec) => {
      const blob = await (await fetch(`/data/${rec.file}`)).blob();
      return { rec, blob, bitmap: await createImageBitmap(blob) };
    }),
  );
}

/**
 * The app's own reading, as the worker does it (and `npm run eval`): the detector finds the
 * numbers in two passes, the line reader reads each from the full-resolution photo, and the most
 * prominent number is the answer. A model version without a reader is read by the detector alone.
 */
async function ours(data: Awaited<ReturnType<typeof images>>, modelUrl: string, size: number): Promise<EngineResult> {
  const t0 = performance.now();
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend('wasm');
  const det = await DigitDetector.load(modelUrl);
  const readerUrl = modelUrl.replace(/model\.json$/, 'reader.json');
  const reader = (await fetch(readerUrl, { method: 'HEAD' })).ok ? await LineReader.load(readerUrl) : null;
  const startupMs = performance.now() - t0;
  const times: number[] = [];
  let correct = 0;
  for (const { rec, bitmap } of data) {
    const t = performance.now();
    const x = tf.browser.fromPixels(bitmap);
    try {
      const r = await readFrameTwoStage(det, reader, x, { size, crop: bitmapCrop(bitmap) });
      times.push(performance.now() - t);
      if ((r.numbers[0]?.reading ?? '') === rec.number) correct++;
    } finally {
      x.dispose();
    }
  }
  det.dispose();
  reader?.dispose();
  const name = `Digit Lens ${det.version} (WASM, ${reader ? 'detector + line reader' : 'detector only'})`;
  return { name, startupMs, times, correct, total: data.length };
}

async function tesseract(data: Awaited<ReturnType<typeof images>>): Promise<EngineResult> {
  const t0 = performance.now();
  const worker = await createWorker('eng', 1, {
    workerPath: '/node_modules/tesseract.js/dist/worker.min.js',
    corePath: '/node_modules/tesseract.js-core/',
    langPath: '/node_modules/@tesseract.js-data/eng/4.0.0_best_int',
    cacheMethod: 'none',
    gzip: true,
    workerBlobURL: false,
  });
  await worker.setParameters({ tessedit_char_whitelist: '0123456789' });
  const startupMs = performance.now() - t0;
  // "Its best page-segmentation mode": try the plausible ones, keep the most accurate.
  let best: EngineResult | null = null;
  for (const [label, psm] of [
    ['single line', PSM.SINGLE_LINE],
    ['single word', PSM.SINGLE_WORD],
    ['sparse text', PSM.SPARSE_TEXT],
    ['block', PSM.SINGLE_BLOCK],
  ] as const) {
    await worker.setParameters({ tessedit_pageseg_mode: psm });
    const times: number[] = [];
    let correct = 0;
    for (const { rec, blob } of data) {
      const t = performance.now();
      const { data: out } = await worker.recognize(blob);
      times.push(performance.now() - t);
      if (out.text.replace(/\D/g, '') === rec.number) correct++;
    }
    log(`tesseract ${label}: ${correct}/${data.length}`);
    if (!best || correct > best.correct)
      best = { name: 'Tesseract.js 7', startupMs, times, correct, total: data.length, detail: `PSM ${label}` };
  }
  await worker.terminate();
  return best!;
}

async function reference(): Promise<number> {
  const det = await DigitDetector.load('/reference/model.json');
  const x = tf.randomUniform([320, 320, 3], 0, 255, 'int32') as tf.Tensor3D;
  await det.detect(x, { size: 320 });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) times.push((await det.detect(x, { size: 320, scoreThreshold: 0.99 })).ms);
  x.dispose();
  det.dispose();
  return times.sort((a, b) => a - b)[times.length >> 1];
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const all = ((await (await fetch('/data/annotations.json')).json()) as Rec[]).filter((r) => r.number !== undefined);
  const recs = params.has('limit') ? all.slice(0, Number(params.get('limit'))) : all;
  const data = await images(recs);
  log(`${data.length} images`);
  const a = await ours(data, params.get('model')!, Number(params.get('size')));
  log(`ours ${a.correct}/${a.total}`);
  const b = await tesseract(data);
  const refMs = await reference();
  (window as unknown as { benchResult: unknown }).benchResult = { ours: a, tesseract: b, referenceMs: refMs };
}

main().catch((e: unknown) => {
  (window as unknown as { benchError: string }).benchError = e instanceof Error ? `${e.message}\n${e.stack}` : String(e);
});
