import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Request } from 'playwright-core';
import { detectorStatus, engine, poll, recordedNotice, recordNotices, servedApp, testIdText, waitForTestId } from './harness.js';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { FIXTURES } from '../chromium.mjs';

const NUMBER = '4721';

describe('live recognition (production build, fake camera showing 4721)', () => {
  const app = servedApp();

  it('shows the stable reading within 10 s of load', async () => {
    const modelJsonFetches: string[] = [];
    const count = (r: Request): void => {
      // The page and its worker, not the service worker filling its cache.
      if (!r.serviceWorker() && new URL(r.url()).pathname.endsWith('/model.json')) modelJsonFetches.push(r.url());
    };
    app.browser.context.on('request', count);
    const t0 = Date.now();
    await app.browser.page.goto(app.server.url);
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 10_000);
    app.browser.context.off('request', count);
    assert.equal(modelJsonFetches.length, 1, `model.json fetched once per start: ${modelJsonFetches.join(', ')}`);
    assert.ok(Date.now() - t0 <= 10_000);
    assert.ok(['webgl', 'wasm', 'cpu'].includes((await engine(app.browser.page)).backend ?? ''));
    const boxes = await app.browser.page.locator('[data-testid="overlay"]').getAttribute('data-boxes');
    assert.ok(Number(boxes) >= 4, `overlay draws the digit boxes (${boxes})`);
  });

  it('keeps the performance HUD (?hud=1) up to date while frames are read', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url + '?hud=1');
    await waitForTestId(page, 'reading', (t) => !!t, 30_000);
    const fps = (t: string | null): number => Number(/fps ([\d.]+)/.exec(t ?? '')?.[1] ?? NaN);
    const first = await poll(
      () => testIdText(page, 'hud'),
      (t) => fps(t) > 0 && /infer [\d.]+ ms/.test(t ?? ''),
      'the HUD to show a frame rate and an inference time',
    );
    // Figures keep moving: the same statistics, read again as frames come in.
    await poll(
      () => testIdText(page, 'hud'),
      (t) => t !== first,
      'the HUD to change as more frames are read',
    );
  });

  it('chooses WASM when the GPU texture limit is below what the model needs, and still reads', async () => {
    await app.browser.page.goto(app.server.url + '?maxTexture=512');
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 30_000);
    const { backend, reason } = await engine(app.browser.page);
    assert.equal(backend, 'wasm');
    assert.match(reason ?? '', /max texture 512 < \d+ needed/);
  });

  it('runs on the CPU backend when asked with ?backend=cpu', async () => {
    await app.browser.page.goto(app.server.url + '?backend=cpu');
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 90_000);
    assert.equal((await engine(app.browser.page)).backend, 'cpu');
  });

  it('falls back from a failing WebGL backend without a reload', async () => {
    await app.browser.page.goto(app.server.url + '?backend=webgl&failWebgl=1');
    await app.browser.page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 60_000);
    const { backend, reason } = await engine(app.browser.page);
    assert.equal(backend, 'wasm');
    assert.match(reason ?? '', /webgl failed/i);
    assert.equal(
      await app.browser.page.evaluate(() => (window as unknown as { marker?: number }).marker),
      42,
      'same page, no reload',
    );
  });

  it('keeps the tensor count flat over 300 frames', async () => {
    await app.browser.page.goto(app.server.url);
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 30_000);
    const counts = await app.browser.page.evaluate(async () => {
      const app = document.querySelector('digit-lens-app') as unknown as {
        detector: { status(): Promise<{ numTensors: number; detections: number }> };
      };
      const s0 = await app.detector.status();
      let s = s0;
      while (s.detections < s0.detections + 300) {
        await new Promise((r) => setTimeout(r, 250));
        s = await app.detector.status();
      }
      return { before: s0.numTensors, after: s.numTensors, frames: s.detections - s0.detections };
    });
    assert.ok(counts.frames >= 300);
    assert.equal(counts.after, counts.before, `tensors before ${counts.before}, after ${counts.after}`);
  });

  it('reads a chosen photo through the same worker', async () => {
    await app.browser.page.goto(app.server.url);
    // Capture turns on once the model is ready.
    await app.browser.page.locator('[data-testid="capture"]:not([disabled])').waitFor({ timeout: 30_000 });
    await app.browser.page.locator('[data-testid="photo-input"]').setInputFiles(join(FIXTURES, 'number-4721.png'));
    // The camera shows the same number: wait for the photo to replace it before reading.
    await poll(
      () => app.browser.page.locator('[data-testid="photo"]').count(),
      (n) => n === 1,
      'the photo is shown',
      20_000,
    );
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 20_000);
  });

  it('restarts a crashed worker and keeps reading', async () => {
    await app.browser.page.goto(app.server.url);
    await waitForTestId(app.browser.page, 'reading', (t) => t === NUMBER, 30_000);
    await recordNotices(app.browser.page);
    await app.browser.page.evaluate(() => {
      (document.querySelector('digit-lens-app') as unknown as { detector: { simulateCrash(): void } }).detector.simulateCrash();
    });
    await recordedNotice(app.browser.page, (t) => /restarted/.test(t), 'the restart notice', 10_000);
    // The restarted worker counts from zero: take its count now, then wait for it to grow.
    const s0 = await detectorStatus(app.browser.page);
    await poll(
      () => detectorStatus(app.browser.page),
      (s) => s.detections > s0.detections,
      `detections to continue after the restart (from ${s0.detections})`,
      20_000,
    );
  });
});
