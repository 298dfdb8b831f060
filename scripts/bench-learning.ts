/**
 * Learning on the device, timed: 30 reviewed captures (seven-segment numbers the shipped model
 * misreads, read by it), one learning run in the learning worker on WASM in headless Chromium.
 * Prints the time, the memory it took and the held-out figures.
 *
 *   npx tsx scripts/bench-learning.ts [--captures 30]
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
// @ts-expect-error plain JS module shared with the test runner config
import { BASE_ARGS, CHROME_PATH, assertChromium, browserEnv } from '../test/chromium.mjs';
import { modelFiles } from './vite-plugin-models.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { captures: { type: 'string', default: '30' } } });
assertChromium();

const server = await createServer({
  configFile: false,
  root: ROOT,
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', hmr: false },
  plugins: [modelFiles()],
  worker: { format: 'es' },
  optimizeDeps: {
    entries: ['test/bench/learning.ts', 'src/learning/learning.worker.ts'],
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-cpu',
      'idb',
    ],
  },
});
await server.listen();
const port = (server.httpServer!.address() as { port: number }).port;
const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: BASE_ARGS, env: browserEnv() });
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  await page.goto(`http://127.0.0.1:${port}/test/bench/learning.html?captures=${values.captures}`);
  await page.waitForFunction(() => 'benchResult' in window || 'benchError' in window, null, { timeout: 590_000, polling: 500 });
  const err = await page.evaluate(() => (window as unknown as { benchError?: string }).benchError);
  if (err) throw new Error(err);
  const r = (await page.evaluate(() => (window as unknown as { benchResult: unknown }).benchResult)) as {
    captures: number;
    wallMs: number;
    ms: number;
    backend: string;
    heldOut: number;
    shippedCorrect: number;
    personalCorrect: number;
    threshold: number;
    trainGlyphs: number;
    replayGlyphs: number;
    peakTensorBytes: number;
    heapBytes: number;
    weightBytes: number;
  };
  const mb = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
  console.log(
    `\nLearning from ${r.captures} reviewed captures on ${r.backend.toUpperCase()} (headless Chromium, learning worker)`,
  );
  console.log(`  glyphs: ${r.trainGlyphs} of the user's (training part) + ${r.replayGlyphs} replayed`);
  console.log(
    `  learning time: ${(r.ms / 1000).toFixed(1)} s in the worker, ${(r.wallMs / 1000).toFixed(1)} s wall (target <= 60 s)`,
  );
  console.log(
    `  memory: peak tensors ${mb(r.peakTensorBytes)}, WASM heap ${mb(r.heapBytes)}, personal weights ${mb(r.weightBytes)}`,
  );
  console.log(
    `  held-out captures: shipped ${r.shippedCorrect}/${r.heldOut}, shipped + personal ${r.personalCorrect}/${r.heldOut} (threshold ${r.threshold})`,
  );
  console.log(`learning_seconds: ${(r.ms / 1000).toFixed(1)}`);
} finally {
  await browser.close();
  await server.close();
}
