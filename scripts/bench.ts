/**
 * Browser benchmark (headless Chromium, production build, fake camera):
 *   npm run bench                 every backend available here
 *   npm run bench:model           WASM-SIMD inference only, at the app's input size
 * Prints, per backend: model load ms, warm-up ms, median / p90 inference ms, frame->result ms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
// @ts-expect-error plain JS module shared with the test runner config
import { FIXTURES } from '../test/chromium.mjs';
import { launch, serve } from '../test/e2e/harness.js';

// The fake camera plays a clip that `npm run fixtures` makes (npm test makes it first; a fresh
// checkout has none, and Chromium then shows a blank test pattern with no number to detect).
const CLIP = join(FIXTURES, 'camera-4721.y4m');
if (!existsSync(CLIP)) {
  console.log('making the fake-camera clip (npm run fixtures)…');
  try {
    execFileSync(process.execPath, ['test/fixtures/make-fixtures.mjs'], { stdio: 'inherit' });
  } catch {
    console.error(`could not make ${CLIP}: run \`npm run fixtures\` (it needs ffmpeg: sudo apt-get install -y ffmpeg)`);
    process.exit(2);
  }
}

/** How long the bench waits for the model, and then for its frames, before it gives up saying why. */
const WAIT_MS = 240_000;

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'wasm,cpu,webgl' },
    frames: { type: 'string', default: '60' },
    size: { type: 'string' },
    soak: { type: 'string' },
  },
});

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

interface Info {
  backend: string;
  reason: string;
  loadMs: number;
  warmupMs: number;
  version: string;
  inputSize: number;
}

const server = await serve();

/**
 * Soak: N minutes of fake-camera frames through the app; FPS over time, JS heap and the worker's
 * tensor count at start and end (memory must stay flat).
 */
async function soak(minutes: number): Promise<void> {
  const browser = await launch();
  try {
    await browser.page.goto(server.url);
    type Snap = { t: number; detections: number; numTensors: number; heap: number };
    const snap = (): Promise<Snap> =>
      browser.page.evaluate(async () => {
        const app = document.querySelector('digit-lens-app') as unknown as {
          detector: { status(): Promise<{ detections: number; numTensors: number }> } | null;
          info: unknown;
        };
        const t0 = performance.now();
        while (!app.detector || !app.info) {
          if (performance.now() - t0 > 240_000) throw new Error('the model did not load in 4 minutes');
          await new Promise((r) => setTimeout(r, 200));
        }
        const s = await app.detector.status();
        const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN;
        return { t: performance.now(), detections: s.detections, numTensors: s.numTensors, heap };
      });
    await browser.page.waitForTimeout(5000); // past warm-up
    const first = await snap();
    let prev = first;
    console.log(`soak start: tensors ${first.numTensors}, page JS heap ${(first.heap / 1e6).toFixed(1)} MB`);
    const end = Date.now() + minutes * 60_000;
    while (Date.now() < end) {
      await browser.page.waitForTimeout(30_000);
      const s = await snap();
      const fps = ((s.detections - prev.detections) * 1000) / (s.t - prev.t);
      console.log(
        `t=${((s.t - first.t) / 1000).toFixed(0).padStart(4)} s  fps ${fps.toFixed(1).padStart(5)}  tensors ${s.numTensors}  heap ${(s.heap / 1e6).toFixed(1)} MB`,
      );
      prev = s;
    }
    console.log(
      `soak end: tensors ${prev.numTensors} (start ${first.numTensors}), heap ${(prev.heap / 1e6).toFixed(1)} MB (start ${(first.heap / 1e6).toFixed(1)} MB), ${prev.detections - first.detections} frames`,
    );
  } finally {
    await browser.close();
  }
}

if (values.soak) {
  await soak(Number(values.soak));
  await server.close();
  process.exit(0);
}
const rows: string[] = [];
try {
  for (const backend of values.backends!.split(',')) {
    const frames = backend === 'wasm' ? Number(values.frames) : Math.min(Number(values.frames), backend === 'cpu' ? 10 : 15);
    const browser = await launch();
    const ms: number[] = [];
    const readerMs: number[] = [];
    const readerPerNumber: number[] = [];
    browser.page.on('console', (m) => {
      const t = m.text();
      if (!t.startsWith('{"event":"detection"')) return;
      const d = JSON.parse(t) as { ms: number; readerMs?: number; numbers?: number };
      ms.push(d.ms);
      if (d.readerMs !== undefined) readerMs.push(d.readerMs);
      if (d.readerMs !== undefined && d.numbers) readerPerNumber.push(d.readerMs / d.numbers);
    });
    try {
      // ?debug=1: the worker logs the per-detection lines read above.
      await browser.page.goto(`${server.url}?backend=${backend}&debug=1${values.size ? `&size=${values.size}` : ''}`);
      const result = await browser.page.evaluate(
        async ([n, waitMs]) => {
          const app = document.querySelector('digit-lens-app') as unknown as {
            info: Info | null;
            stats: { medianEndToEndMs: number };
            detector: { status(): Promise<{ detections: number }> } | null;
          };
          const t0 = performance.now();
          while (!app.info || !app.detector) {
            if (performance.now() - t0 > waitMs) throw new Error(`the model did not load in ${waitMs / 1000} s`);
            await new Promise((r) => setTimeout(r, 100));
          }
          const t1 = performance.now();
          for (let done = 0; (done = (await app.detector.status()).detections) < n;) {
            if (performance.now() - t1 > waitMs)
              throw new Error(`${done} of ${n} frames detected in ${waitMs / 1000} s: is the fake camera playing?`);
            await new Promise((r) => setTimeout(r, 200));
          }
          return { info: app.info, e2e: app.stats.medianEndToEndMs };
        },
        [frames, WAIT_MS] as const,
      );
      const i = result.info;
      rows.push(
        `${i.backend.padEnd(6)} load ${i.loadMs.toFixed(0).padStart(5)} ms | warm-up ${i.warmupMs.toFixed(0).padStart(6)} ms | ` +
          `inference median ${pct(ms, 0.5).toFixed(1).padStart(7)} ms p90 ${pct(ms, 0.9).toFixed(1).padStart(7)} ms | ` +
          `frame->result median ${result.e2e.toFixed(1).padStart(7)} ms | ` +
          `of which line reader median ${pct(readerMs, 0.5).toFixed(1)} ms, per number ${pct(readerPerNumber, 0.5).toFixed(1)} ms | ` +
          `n=${ms.length} | model ${i.version} @ ${i.inputSize} | ${i.reason}`,
      );
      console.log(rows.at(-1));
    } finally {
      await browser.close();
    }
  }
} finally {
  await server.close();
}
console.log('\nDigit Lens browser benchmark (headless Chromium, this machine)');
for (const r of rows) console.log(r);
