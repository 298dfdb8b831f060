import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launch, serve, testIdText, waitForTestId, type Browser, type Served } from './harness.js';

const historyCount = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    const app = document.querySelector('digit-lens-app') as unknown as { history(): Promise<{ count(): Promise<number> }> };
    return (await app.history()).count();
  });

async function capture(page: Page): Promise<string> {
  await waitForTestId(page, 'camera-state', (t) => t === 'live', 30_000);
  await page.locator('[data-testid="capture"]:not([disabled])').click();
  return (await waitForTestId(page, 'notice', (t) => /^Saved|Storage is full|Could not save/.test(t ?? ''), 20_000))!;
}

describe('captures in IndexedDB history (production build)', () => {
  let server: Served;
  let browser: Browser;
  before(async () => {
    server = await serve();
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps a capture with its image and reading across a reload, and offline', async () => {
    const { page, context } = browser;
    await page.goto(server.url);
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
  });

  it('shows a clear message on a quota error and loses no existing capture', async () => {
    const { page } = browser;
    await page.goto(server.url);
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

  it('searches by number, deletes one, and deletes all after confirming', async () => {
    const { page } = browser;
    await page.goto(server.url);
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
});
