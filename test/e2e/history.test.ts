import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launch, servedApp, testIdText, waitForTestId } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PY = process.env.PYTHON ?? '/usr/bin/python3';

interface Box {
  digit: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

const historyCount = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const app = document.querySelector('digit-lens-app') as unknown as { history(): Promise<{ count(): Promise<number> }> };
    return (await app.history()).count();
  });

async function capture(page: Page): Promise<string> {
  await waitForTestId(page, 'camera-state', (t) => t === 'live', 30_000);
  // As a user does: capture once the number is on screen (the first fake-camera frames can be blank).
  await waitForTestId(page, 'reading', (t) => !!t, 30_000);
  await page.locator('[data-testid="capture"]:not([disabled])').click();
  return (await waitForTestId(page, 'notice', (t) => /^Saved|Storage is full|Could not save/.test(t ?? ''), 20_000))!;
}

describe('captures in IndexedDB history (production build)', () => {
  const app = servedApp();

  it('keeps a capture with its image and reading across a reload, and offline', async () => {
    const { page, context } = app.browser;
    await page.goto(app.server.url);
    const saved = await capture(page);
    assert.match(saved, /^Saved/);
    const reading = /^Saved (\d+)\.$/.exec(saved)?.[1] ?? '—';
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
    const before = await historyCount(page);
    assert.ok(before >= 1);
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
    await page.locator('[data-testid="history-toggle"]').click();
    await page.locator('[data-testid="history-review"]').first().click();
    const boxes = page.locator('[data-testid="review-box"]');
    // The review loads the capture from IndexedDB after it opens: count only once its boxes are drawn.
    await boxes.first().waitFor({ timeout: 10_000 });
    const predicted = await boxes.count();
    assert.ok(predicted >= 1, 'the capture has predicted boxes to correct');
    await boxes.first().click({ force: true });
    await page.locator('[data-testid="relabel-9"]').click();
    // Move the selected box, then widen it by its corner handle.
    const drag = async (from: { x: number; y: number; width: number; height: number } | null, dx: number, dy: number) => {
      const x = from!.x + from!.width / 2;
      const y = from!.y + from!.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + dx, y + dy, { steps: 4 });
      await page.mouse.up();
    };
    await drag(await boxes.first().boundingBox(), 12, 8);
    await drag(await page.locator('[data-testid="review-handle"]').boundingBox(), 10, 14);
    await page.locator('[data-testid="add-box"]').click();
    const stage = await page.locator('[data-testid="review-stage"]').boundingBox();
    await page.mouse.move(stage!.x + 20, stage!.y + 20);
    await page.mouse.down();
    await page.mouse.move(stage!.x + 40, stage!.y + 70, { steps: 4 });
    await page.mouse.up();
    assert.equal(await boxes.count(), predicted + 1, 'a box was added');
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
      return { correction: await h.getCorrection(c.id), predictions: c.predictions.length, first: c.predictions[0] };
    });
    assert.equal(stored.correction?.reading, '93721');
    assert.equal(stored.correction?.confirmed, false);
    assert.equal(stored.correction?.boxes.length, predicted + 1);
    assert.equal(stored.correction?.boxes[0].digit, 9, 'relabelled box');
    const moved = stored.correction!.boxes[0];
    assert.ok(moved.x > stored.first.x + 1 && moved.y > stored.first.y + 1, 'the box was moved right and down');
    assert.ok(moved.w > stored.first.w + 1 && moved.h > stored.first.h + 1, 'the box was resized');
    assert.equal(stored.correction?.boxes.at(-1)?.digit, 3, 'added box');
    assert.equal(stored.predictions, predicted, 'the original prediction is kept');
    await page.locator('[data-testid="history-toggle"]').click();
    await page.locator('[data-testid="history-stats"]').click();
    await waitForTestId(page, 'stats-corrected', (t) => t === '1', 5_000);
    assert.match((await testIdText(page, 'stats-confusion')) ?? '', /→ was 9|was 3/);
  });

  it('exports reviewed captures as a zip the training pipeline loads, and imports it into a fresh profile', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await page.locator('[data-testid="history-toggle"]').click();
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
      await waitForTestId(fresh.page, 'history-review', (t) => t === 'Corrected', 5_000);
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
    await capture(page);
    const total = await historyCount(page);
    await page.locator('[data-testid="history-toggle"]').click();
    await waitForTestId(page, 'history-reading', (t) => t !== null, 10_000);
    await page.locator('[data-testid="history-search"]').fill('999999999');
    await waitForTestId(page, 'history-empty', (t) => t === 'No capture matches.', 5_000);
    await page.locator('[data-testid="history-search"]').fill('');
    await page.locator('[data-testid="history-delete"]').first().click();
    await page.waitForFunction(
      async (n) =>
        (
          await (
            document.querySelector('digit-lens-app') as unknown as { history(): Promise<{ count(): Promise<number> }> }
          ).history()
        )
          .count()
          .then((c) => c === n),
      total - 1,
    );
    await page.locator('[data-testid="history-delete-all"]').click();
    assert.equal(await historyCount(page), total - 1, 'nothing deleted before confirming');
    await page.locator('[data-testid="history-delete-all-confirm"]').click();
    await waitForTestId(page, 'history-empty', (t) => !!t, 5_000);
    assert.equal(await historyCount(page), 0);
    assert.equal(await testIdText(page, 'history-reading'), null);
  });

  it('auto-captures a number once it holds steady, once per number, when switched on in Settings', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await waitForTestId(page, 'reading', (t) => !!t, 30_000);
    const before = await historyCount(page);
    await page.locator('[data-testid="settings-toggle"]').click();
    await page.locator('[data-testid="auto-capture"]').check();
    const saved = await waitForTestId(page, 'notice', (t) => /^Saved \d+\.$/.test(t ?? ''), 15_000);
    // The same number stays in view: it must not be saved again.
    await page.waitForTimeout(4_000);
    assert.equal(await historyCount(page), before + 1, `one capture (${saved})`);
    await page.reload();
    await page.locator('[data-testid="settings-toggle"]').click();
    // The panel reads its settings from IndexedDB after it opens: wait for them, do not sample once.
    await page.locator('[data-testid="auto-capture"]:checked').waitFor({ timeout: 5_000 }); // the choice is remembered
    await page.locator('[data-testid="auto-capture"]').uncheck();
  });
});
