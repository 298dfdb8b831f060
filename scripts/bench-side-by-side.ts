/**
 * Side by side in headless Chromium: Digit Lens (WASM) vs Tesseract.js 7 on the same photos.
 *
 *   npm run bench -- --data ../shared/data/dev-signs-aimed
 *   tsx scripts/bench-side-by-side.ts --limit 3     a quick check on the first 3 photos
 *
 * Digit Lens runs its own two-stage path there (detector, then the line reader), as the app and
 * `npm run eval` do.
 *
 * Prints exact-match number accuracy, median / p90 ms per image, start-up time and the ratios,
 * then `speed_vs_reference: <our median ms / reference SSD-MobileNetV2 0.5 @ 320 median ms>`.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer, type Plugin } from 'vite';
// @ts-expect-error plain JS module shared with the test runner config
import { BASE_ARGS, CHROME_PATH, assertChromium, browserEnv } from '../test/chromium.mjs';
import type { ModelManifest } from '../src/detector/model-format.js';
import type { EngineResult } from '../test/bench/side-by-side.js';
import { exportRandomModel } from './random-model.js';
import { modelFiles } from './vite-plugin-models.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(ROOT, '../shared/data/dev-signs-aimed') },
    // The first N photos only: a quick check that the bench runs, not a measurement.
    limit: { type: 'string' },
  },
});
const data = resolve(values.data!);
if (!existsSync(join(data, 'annotations.json'))) {
  console.error(`no annotations.json in ${data}: pass --data DIR (dev-signs-aimed format)`);
  process.exit(2);
}
assertChromium();

// The reference network: our SSDLite-MobileNetV2 at width 0.5 with random weights, run at 320 px.
const refDir = join(ROOT, '.bench/reference');
if (!existsSync(join(refDir, 'reference/model.json'))) {
  mkdirSync(refDir, { recursive: true });
  exportRandomModel('0.5', refDir, 'reference', 320);
}

const staticDir = (prefix: string, dir: string): Plugin => ({
  name: `static-${prefix}`,
  configureServer(server) {
    server.middlewares.use(prefix, (req, res, next) => {
      const file = join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]));
      if (!file.startsWith(dir) || !existsSync(file)) return next();
      res.setHeader(
        'Content-Type',
        { '.json': 'application/json', '.jpg': 'image/jpeg', '.png': 'image/png' }[extname(file)] ?? 'application/octet-stream',
      );
      res.end(readFileSync(file));
    });
  },
});

const server = await createServer({
  configFile: false,
  root: ROOT,
  logLevel: 'error',
  server: { port: 0, host: '127.0.0.1', hmr: false },
  plugins: [modelFiles(), staticDir('/data', data), staticDir('/reference', join(refDir, 'reference'))],
  optimizeDeps: {
    entries: ['test/bench/side-by-side.ts'],
    include: [
      'tesseract.js',
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-wasm',
      '@tensorflow/tfjs-backend-cpu',
    ],
  },
});
await server.listen();
const port = (server.httpServer!.address() as { port: number }).port;
const latest = JSON.parse(readFileSync(join(ROOT, 'models/digits/latest.json'), 'utf8')) as ModelManifest;
const browser = await chromium.launch({ executablePath: CHROME_PATH, headless: true, args: BASE_ARGS, env: browserEnv() });
try {
  const page = await browser.newPage();
  page.on('console', (m) => m.type() === 'error' && console.error('page:', m.text()));
  await page.goto(
    `http://127.0.0.1:${port}/test/bench/side-by-side.html?model=/models/digits/${latest.path}/model.json&size=${latest.inputSize}${values.limit ? `&limit=${values.limit}` : ''}`,
  );
  await page.waitForFunction(() => 'benchResult' in window || 'benchError' in window, null, { timeout: 590_000, polling: 1000 });
  const err = await page.evaluate(() => (window as unknown as { benchError?: string }).benchError);
  if (err) throw new Error(err);
  const r = (await page.evaluate(() => (window as unknown as { benchResult: unknown }).benchResult)) as {
    ours: EngineResult;
    tesseract: EngineResult;
    referenceMs: number;
  };
  const pct = (xs: number[], p: number): number =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
  const row = (e: EngineResult): string =>
    `| ${e.name}${e.detail ? ` (${e.detail})` : ''} | ${(e.correct / e.total).toFixed(3)} (${e.correct}/${e.total}) | ${pct(e.times, 0.5).toFixed(1)} | ${pct(e.times, 0.9).toFixed(1)} | ${e.startupMs.toFixed(0)} |`;
  console.log(`\nSide by side on ${r.ours.total} images from ${data} (headless Chromium)\n`);
  console.log('| engine | number accuracy | median ms | p90 ms | start-up ms |');
  console.log('| --- | --- | --- | --- | --- |');
  console.log(row(r.ours));
  console.log(row(r.tesseract));
  const acc = (e: EngineResult): number => e.correct / e.total;
  console.log(`\naccuracy ratio (ours / tesseract): ${acc(r.tesseract) ? (acc(r.ours) / acc(r.tesseract)).toFixed(2) : 'inf'}`);
  console.log(
    `speed ratio (tesseract median / ours median): ${(pct(r.tesseract.times, 0.5) / pct(r.ours.times, 0.5)).toFixed(1)}x`,
  );
  console.log(`start-up ratio (tesseract / ours): ${(r.tesseract.startupMs / r.ours.startupMs).toFixed(1)}x`);
  console.log(`reference SSD-MobileNetV2 0.5 @ 320, random weights: median ${r.referenceMs.toFixed(1)} ms`);
  console.log(`speed_vs_reference: ${(pct(r.ours.times, 0.5) / r.referenceMs).toFixed(3)}`);
} finally {
  await browser.close();
  await server.close();
}
