import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  capture,
  dragBy,
  historyCount,
  launch,
  makeCapture,
  poll,
  recordedNotice,
  recordNotices,
  servedApp,
  storeCapture,
  tapOn,
  testIdText,
  waitForDetections,
  waitForTestId,
} from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PY = process.env.PYTHON ?? '/usr/bin/python3';

interface Box {
  digit: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the open review holds right now: its boxes (image pixels) and which one is selected. */
const reviewState = (page: Page): Promise<{ boxes: Box[]; selected: number; drawing: boolean }> =>
  page.locator('capture-review').evaluate(async (el) => {
    const r = el as unknown as { boxes: Box[]; selected: number; drawing: boolean; updateComplete: Promise<boolean> };
    await r.updateComplete; // and drawn: the next measurement sees the boxes where they now are
    return { boxes: r.boxes.map((b) => ({ ...b })), selected: r.selected, drawing: r.drawing };
  });

/** Opens the review of the newest capture and waits until its boxes are drawn. */
async function openReview(page: Page): Promise<void> {
  await page.locator('[data-testid="history-toggle"]').click();
  await page.locator('[data-testid="history-review"]').first().click();
  // The review loads the capture from IndexedDB after it opens.
  await page.locator('[data-testid="review-box"]').first().waitFor({ timeout: 10_000 });
}

describe('captures in IndexedDB history (production build)', () => {
  const app = servedApp();

  it('keeps a capture with its image and reading across a reload, and offline', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url);
    const reading = await makeCapture(page);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    for (const offline of [false, true]) {
      await context.setOffline(offline);
      await page.reload();
      await page.locator('[data-testid="history-toggle"]').click();
      await waitForTestId(page, 'history-reading', (t) => t === reading, 10_000);
      const img = page.locator('[data-testid="history-item"] img').first();
      await img.waitFor();
      assert.ok(await img.evaluate((i: HTMLImageElement) => i.decode().then(() => i.naturalWidth > 0)), 'thumbnail decodes');
    }
    await context.setOffline(false);
    const stored = await page.evaluate(async () => {
      const app = document.querySelector('digit-lens-app') as unknown as {
        history(): Promise<{
          page(
            o: number,
            l: number,
          ): Promise<Array<{ image: Blob; width: number; modelVersion: string; predictions: unknown[] }>>;
        }>;
      };
      const [c] = await (await app.history()).page(0, 1);
      const bmp = await createImageBitmap(c.image);
      return { type: c.image.type, w: bmp.width, width: c.width, version: c.modelVersion, boxes: c.predictions.length };
    });
    assert.equal(stored.type, 'image/jpeg');
    assert.equal(stored.w, stored.width);
    assert.ok(stored.version.length > 0);
    assert.ok(stored.boxes >= 1, 'the boxes of the captured frame are kept');
  });

  it('shows a clear message on a quota error and loses no existing capture', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await makeCapture(page);
    const before = await historyCount(page);
    assert.equal(before, 1);
    await page.evaluate(() => {
      IDBObjectStore.prototype.add = function () {
        throw new DOMException('simulated: the quota has been exceeded', 'QuotaExceededError');
      };
    });
    const msg = await capture(page);
    assert.match(msg, /Storage is full: this capture was not saved/);
    assert.equal(await historyCount(page), before);
  });

  it('saves a correction (relabel + added box + typed number) that survives reload and shows in the stats', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    // A capture of its own; once it is saved the model is loaded and the header (which grows when
    // the model info arrives) has its final size, so the review below does not move any more.
    await makeCapture(page);
    await openReview(page);
    const boxes = page.locator('[data-testid="review-box"]');
    const predicted = await boxes.count();
    assert.ok(predicted >= 1, 'the capture has predicted boxes to correct');
    // Correct the last box: boxes are drawn in order, so the last one and its corner handle lie on
    // top of any neighbour that overlaps them.
    const i = predicted - 1;
    const start = (await reviewState(page)).boxes[i];
    await tapOn(boxes.nth(i));
    await poll(
      () => reviewState(page),
      (s) => s.selected === i,
      `box ${i} selected`,
    );
    await page.locator('[data-testid="relabel-9"]').click();
    await poll(
      () => reviewState(page),
      (s) => s.boxes[i].digit === 9,
      `box ${i} relabelled 9`,
    );
    // Move the selected box right and down, then widen it by its corner handle.
    await dragBy(boxes.nth(i), 12, 8);
    const moved = await poll(
      () => reviewState(page).then((s) => s.boxes[i]),
      (b) => b.x > start.x + 1 && b.y > start.y + 1 && Math.abs(b.w - start.w) < 0.01 && Math.abs(b.h - start.h) < 0.01,
      `box ${i} moved right and down from ${JSON.stringify(start)}`,
    );
    await dragBy(page.locator('[data-testid="review-handle"]'), 10, 14);
    await poll(
      () => reviewState(page).then((s) => s.boxes[i]),
      (b) => b.w > moved.w + 1 && b.h > moved.h + 1 && Math.abs(b.x - moved.x) < 0.01 && Math.abs(b.y - moved.y) < 0.01,
      `box ${i} resized from ${JSON.stringify(moved)}`,
    );
    // Add a box: with "Add box" on, drag on a free part of the image.
    await page.locator('[data-testid="add-box"]').click();
    await poll(
      () => reviewState(page),
      (s) => s.drawing,
      'drawing mode on',
    );
    await dragBy(page.locator('[data-testid="review-stage"]'), 20, 50);
    await poll(
      () => reviewState(page),
      (s) => s.boxes.length === predicted + 1 && s.selected === predicted && s.boxes[predicted].w > 1,
      'a box was added and selected',
    );
    assert.equal(await boxes.count(), predicted + 1, 'the added box is drawn');
    await page.locator('[data-testid="relabel-3"]').click();
    await page.locator('[data-testid="review-number"]').fill('93721');
    await page.locator('[data-testid="save-correction"]').click();
    await waitForTestId(page, 'history-message', (t) => t === 'Correction saved: 93721.', 5_000);
    await page.reload();
    const stored = await page.evaluate(async () => {
      const app = document.querySelector('digit-lens-app') as unknown as {
        history(): Promise<{
          page(o: number, l: number): Promise<Array<{ id: string; predictions: Array<Box> }>>;
          getCorrection(id: string): Promise<{ reading: string; confirmed: boolean; boxes: Array<Box> } | undefined>;
        }>;
      };
      const h = await app.history();
      const [c] = await h.page(0, 1);
      return { correction: await h.getCorrection(c.id), predictions: c.predictions };
    });
    assert.equal(stored.correction?.reading, '93721');
    assert.equal(stored.correction?.confirmed, false);
    assert.equal(stored.correction?.boxes.length, predicted + 1);
    const original = stored.predictions[i];
    const corrected = stored.correction!.boxes[i];
    assert.equal(corrected.digit, 9, 'relabelled box');
    assert.ok(corrected.x > original.x + 1 && corrected.y > original.y + 1, 'the box was moved right and down');
    assert.ok(corrected.w > original.w + 1 && corrected.h > original.h + 1, 'the box was resized');
    assert.equal(stored.correction?.boxes.at(-1)?.digit, 3, 'added box');
    assert.equal(stored.predictions.length, predicted, 'the original prediction is kept');
    await page.locator('[data-testid="history-toggle"]').click();
    await page.locator('[data-testid="history-stats"]').click();
    await waitForTestId(page, 'stats-corrected', (t) => t === '1', 5_000);
    assert.match((await testIdText(page, 'stats-confusion')) ?? '', /where it was 9|Missed a 3/);
  });

  it('exports reviewed captures as a zip the training pipeline loads, and imports it into a fresh profile', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    // One reviewed capture of its own: corrected by typing the number.
    await makeCapture(page);
    await openReview(page);
    await page.locator('[data-testid="review-number"]').fill('4721');
    await page.locator('[data-testid="save-correction"]').click();
    await waitForTestId(page, 'history-message', (t) => t === 'Correction saved: 4721.', 5_000);
    await waitForTestId(page, 'history-reading', (t) => t === '4721', 5_000);
    await waitForTestId(page, 'history-meta', (t) => / · Corrected$/.test(t ?? ''), 5_000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="history-export"]').click()]);
    const dir = mkdtempSync(join(tmpdir(), 'digit-lens-export-'));
    const zip = join(dir, download.suggestedFilename());
    await download.saveAs(zip);
    const loaded = execFileSync(
      PY,
      [
        '-c',
        `from digitlens.corrections import load_corrections; s = load_corrections(${JSON.stringify(zip)}, 160); print(len(s), [len(b) for _, b, _ in s])`,
      ],
      { cwd: join(ROOT, 'models/training'), encoding: 'utf8' },
    );
    assert.match(loaded, /^1 \[\d+\]/, `pipeline loader: ${loaded}`);

    const fresh = await launch();
    try {
      await fresh.page.goto(app.server.url);
      await fresh.page.locator('[data-testid="history-toggle"]').click();
      await fresh.page.locator('[data-testid="history-import"]').setInputFiles(zip);
      await waitForTestId(fresh.page, 'history-message', (t) => /^Imported 1, skipped 0/.test(t ?? ''), 10_000);
      await waitForTestId(fresh.page, 'history-reading', (t) => t === '4721', 5_000);
      await waitForTestId(fresh.page, 'history-meta', (t) => / · Corrected$/.test(t ?? ''), 5_000);
      await fresh.page.locator('[data-testid="history-import"]').setInputFiles(zip);
      await waitForTestId(fresh.page, 'history-message', (t) => /^Imported 0, skipped 1/.test(t ?? ''), 10_000);
      assert.equal(await historyCount(fresh.page), 1);
    } finally {
      await fresh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('searches by number, deletes one, and deletes all after confirming', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    const reading = await makeCapture(page);
    await makeCapture(page);
    assert.equal(await historyCount(page), 2);
    await page.locator('[data-testid="history-toggle"]').click();
    await waitForTestId(page, 'history-reading', (t) => t === reading, 10_000);
    await page.locator('[data-testid="history-search"]').fill('999999999');
    await waitForTestId(page, 'history-empty', (t) => t === 'No capture matches.', 5_000);
    await page.locator('[data-testid="history-search"]').fill(reading);
    await waitForTestId(page, 'history-reading', (t) => t === reading, 5_000);
    await page.locator('[data-testid="history-search"]').fill('');
    await page.locator('[data-testid="history-delete"]').first().click();
    await poll(
      () => historyCount(page),
      (n) => n === 1,
      'one capture left after deleting one',
    );
    await page.locator('[data-testid="history-delete-all"]').click();
    assert.equal(await historyCount(page), 1, 'nothing deleted before confirming');
    await page.locator('[data-testid="history-delete-all-confirm"]').click();
    await waitForTestId(page, 'history-empty', (t) => !!t, 5_000);
    assert.equal(await historyCount(page), 0);
    assert.equal(await testIdText(page, 'history-reading'), null);
  });

  it('closing a review goes back to History, which stays open', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    // A stored capture of its own, written straight to the history: this is about the panels, not the camera.
    await storeCapture(page, 'review-close-test');
    await page.locator('[data-testid="history-toggle"]').click();
    await page.locator('[data-testid="history-review"]').click();
    await page.locator('[data-testid="review-box"]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid="review-close"]').click();
    await page.locator('capture-review').waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await page.locator('history-view').count(), 1, 'History is still open');
    await waitForTestId(page, 'history-reading', (t) => t === '7', 5_000);
    // History's own Close still closes it.
    await page.locator('[data-testid="history-close"]').click();
    await page.locator('history-view').waitFor({ state: 'detached', timeout: 5_000 });
  });

  it('auto-captures a number once it holds steady, once per number, when switched on in Settings', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForTestId(page, 'reading', (t) => !!t, 30_000);
    assert.equal(await historyCount(page), 0);
    await recordNotices(page);
    await page.locator('[data-testid="settings-toggle"]').click();
    await page.locator('[data-testid="auto-capture"]').check();
    const saved = await recordedNotice(page, (t) => /^Saved \d+\.$/.test(t), 'the auto-capture saved', 15_000);
    await poll(
      () => historyCount(page),
      (n) => n === 1,
      'the auto-capture in IndexedDB',
    );
    // The same number stays in view and the trigger sees it on every frame: it must not be saved
    // again. Let frames run, then let any capture they started finish (Capture is disabled meanwhile).
    await waitForDetections(page, 20);
    await page.locator('[data-testid="capture"]:not([disabled])').waitFor({ timeout: 10_000 });
    const reading = await testIdText(page, 'reading');
    assert.equal(await historyCount(page), 1, `one capture (${saved}; reading now ${reading})`);
    await page.reload();
    await page.locator('[data-testid="settings-toggle"]').click();
    // The panel reads its settings from IndexedDB after it opens: wait for them, do not sample once.
    await page.locator('[data-testid="auto-capture"]:checked').waitFor({ timeout: 5_000 }); // the choice is remembered
  });
});
