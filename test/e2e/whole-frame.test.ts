import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  launch,
  makeCapture,
  poll,
  recordedNotice,
  recordNotices,
  serve,
  testIdText,
  waitForTestId,
  type Served,
} from './harness.js';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { FIXTURES } from '../chromium.mjs';

/** Opens the app with the fake camera playing `y4m`, runs `body`, closes the browser. */
async function withCamera(
  server: Served,
  y4m: string,
  body: (page: Page) => Promise<void>,
  width = 390,
  height = 844,
  init?: string,
) {
  const browser = await launch({ camera: y4m });
  try {
    if (init) await browser.page.addInitScript({ content: init });
    await browser.page.setViewportSize({ width, height });
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await browser.page.goto(server.url);
    await body(browser.page);
  } finally {
    await browser.close();
  }
}

/** Clicks the view where frame pixel (x, y) is shown (the camera view fills <main>, object-fit cover). */
async function tapFramePoint(page: Page, frameW: number, frameH: number, x: number, y: number): Promise<void> {
  const box = (await page.locator('digit-lens-app main').boundingBox())!;
  const scale = Math.max(box.width / frameW, box.height / frameH);
  const ox = (box.width - frameW * scale) / 2;
  const oy = (box.height - frameH * scale) / 2;
  await page.mouse.click(box.x + ox + x * scale, box.y + oy + y * scale);
}

describe('whole-frame reading (production build, fake camera)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  it('reads a small sign in a big frame (1280x720, digits about 40 px tall)', async () => {
    await withCamera(server, 'camera-small-4721.y4m', async (page) => {
      await waitForTestId(page, 'reading', (t) => t === '4721', 60_000);
    });
  });

  it('with two numbers in view, a tap on one makes it the reading, a tap on the other switches', async () => {
    await withCamera(
      server,
      'camera-two-numbers.y4m',
      async (page) => {
        await waitForTestId(page, 'reading', (t) => t === '12' || t === '85', 60_000);
        // Each number in view is outlined; the one read is marked as chosen.
        const outlines = page.locator('[data-testid="number-outline"]');
        await outlines.nth(1).waitFor({ timeout: 10_000 });
        const chosenX = async () =>
          (
            await page
              .locator('[data-testid="number-outline"].chosen')
              .boundingBox({ timeout: 1_000 })
              .catch(() => null)
          )?.x ?? NaN;
        const mid = (await page.locator('digit-lens-app main').boundingBox())!;
        await tapFramePoint(page, 640, 480, 490, 240); // the "85" plate
        await waitForTestId(page, 'reading', (t) => t === '85', 5_000);
        // The outlines are redrawn with the reading; on a busy machine a frame in flight may land between.
        await poll(chosenX, (x) => x > mid.x + mid.width / 2, 'the right-hand outline is the chosen one', 5_000);
        await tapFramePoint(page, 640, 480, 150, 240); // the "12" plate
        await waitForTestId(page, 'reading', (t) => t === '12', 5_000);
        await poll(chosenX, (x) => x < mid.x + mid.width / 2, 'the left-hand outline is the chosen one', 5_000);
      },
      900,
      700,
    );
  });

  it('says "No number found" at a blank wall instead of staying silent', async () => {
    await withCamera(server, 'camera-blank.y4m', async (page) => {
      await waitForTestId(page, 'guidance', (t) => /No number found/.test(t ?? ''), 60_000);
      assert.equal(await page.locator('[data-testid="reading"]').isVisible(), false);
    });
  });

  it('copies the reading to the clipboard when it is tapped, and says so', async () => {
    await withCamera(server, 'camera-4721.y4m', async (page) => {
      await waitForTestId(page, 'reading', (t) => t === '4721', 60_000);
      await recordNotices(page);
      await page.locator('[data-testid="reading"]').click();
      await recordedNotice(page, (t) => t === 'Copied 4721', '"Copied 4721"', 5_000);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), '4721');
    });
  });

  it('offers Share only where the browser has a share sheet', async () => {
    await withCamera(server, 'camera-4721.y4m', async (page) => {
      await waitForTestId(page, 'reading', (t) => t === '4721', 60_000);
      // Linux Chromium has no Web Share: no button that could only fail.
      assert.equal(await page.evaluate(() => typeof navigator.share), 'undefined');
      assert.equal(await page.locator('[data-testid="share"]').count(), 0);
      await makeCapture(page);
      await page.locator('[data-testid="history-toggle"]').click();
      await page.locator('[data-testid="history-copy"]').first().waitFor();
      assert.equal(await page.locator('[data-testid="history-share"]').count(), 0);
    });
    await withCamera(
      server,
      'camera-4721.y4m',
      async (page) => {
        await waitForTestId(page, 'reading', (t) => t === '4721', 60_000);
        await recordNotices(page);
        await page.locator('[data-testid="share"]').click();
        await recordedNotice(page, (t) => t === 'Shared 4721', '"Shared 4721"', 5_000);
        const shared = () => page.evaluate(() => (window as unknown as { shared: unknown[] }).shared);
        assert.deepEqual(await shared(), [{ text: '4721' }]);
        // The same from a History entry.
        const saved = await makeCapture(page);
        await page.locator('[data-testid="history-toggle"]').click();
        await page.locator('[data-testid="history-share"]').first().click();
        await waitForTestId(page, 'history-message', (t) => t === `Shared ${saved}`, 5_000);
        assert.deepEqual(await shared(), [{ text: '4721' }, { text: saved }]);
      },
      390,
      844,
      // A phone's share sheet: records what it was given. (A string: tsx's transform would add
      // helper calls to a function that do not exist in the page.)
      `window.shared = [];
       Object.defineProperty(Navigator.prototype, 'share', {
         configurable: true,
         value: async (data) => void window.shared.push(data),
       });`,
    );
  });

  it("copies a History entry's number too", async () => {
    await withCamera(server, 'camera-4721.y4m', async (page) => {
      await waitForTestId(page, 'reading', (t) => t === '4721', 60_000);
      const saved = await makeCapture(page);
      await page.locator('[data-testid="history-toggle"]').click();
      await page.locator('[data-testid="history-copy"]').first().click();
      await waitForTestId(page, 'history-message', (t) => t === `Copied ${saved}`, 5_000);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), saved);
    });
  });

  it('reads only the number from a photo with a word under it ("407" over "BUSINESS")', async () => {
    await withCamera(server, 'camera-blank.y4m', async (page) => {
      await page.locator('[data-testid="photo-input"]').setInputFiles(join(FIXTURES, 'whole-frames/word-407.png'));
      await waitForTestId(page, 'reading', (t) => t === '407', 60_000);
      assert.equal(await testIdText(page, 'reading'), '407');
    });
  });
});
