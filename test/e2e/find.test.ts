// Find a number (issue 24): type the wanted number; every live frame is searched for it; when it
// comes into view it is marked, the phone buzzes and (with Speak on) "… found, right" is said,
// once; other numbers are faded; a number that is not it ("4021" for "402") raises nothing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { NOT_A_NUMBER } from '../../src/find/find-match.js';
import { FIND_BY_TEST_ID, launch, poll, serve, testIdText, waitForDetections, type Served } from './harness.js';

/** Speech and vibration as a phone has them, recording what they were asked (a string: see harness.ts). */
const SPIES = `window.spoken = [];
  window.buzzes = [];
  speechSynthesis.speak = (u) => (window.spoken.push(u.text), u.dispatchEvent(new Event('start')));
  Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: (p) => (window.buzzes.push(p), true) });`;

const byId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
const spoken = (page: Page) => page.evaluate('window.spoken') as Promise<string[]>;
const buzzes = (page: Page) => page.evaluate('window.buzzes') as Promise<unknown[]>;
const exists = (page: Page, id: string) => page.evaluate(`!!(${FIND_BY_TEST_ID})(${JSON.stringify(id)})`) as Promise<boolean>;

/** Opens the app on `y4m`, switches Speak on, waits for the number in view to be said, then forgets what was said. */
async function withSpeakingApp(server: Served, y4m: string, inView: string, body: (page: Page) => Promise<void>) {
  const browser = await launch({ camera: y4m });
  try {
    const { page } = browser;
    await page.addInitScript({ content: SPIES });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(server.url);
    await byId(page, 'settings-toggle').click();
    await page.locator('[data-testid="speak"]:not([disabled])').check({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await poll(
      () => spoken(page),
      (s) => s.includes(inView),
      `"${inView}" said`,
      90_000,
    );
    await page.evaluate('window.spoken.length = 0; window.buzzes.length = 0');
    await body(page);
  } finally {
    await browser.close();
  }
}

/** Types `wanted` into Find and presses Enter, as a user does. */
async function find(page: Page, wanted: string): Promise<void> {
  await byId(page, 'find-input').fill(wanted);
  await byId(page, 'find-input').press('Enter');
}

describe('Find a number (production build, fake camera)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  it('a small wanted number beside a big other one: marked, one buzz, "found, right" said once, kept across a reload', async () => {
    await withSpeakingApp(server, 'camera-find-402.y4m', 'eighty-five', async (page) => {
      await find(page, '402');
      await poll(() => exists(page, 'found-outline'), Boolean, 'the wanted number marked', 60_000);
      const main = (await page.locator('digit-lens-app main').boundingBox())!;
      const mark = (await byId(page, 'found-outline').boundingBox())!;
      assert.ok(mark.x > main.x + main.width / 2, `the mark is on the right, over the small sign (x ${mark.x})`);
      await poll(
        () => spoken(page),
        (s) => s.length > 0,
        'the alert said',
        10_000,
      );
      assert.equal(await testIdText(page, 'reading-said'), '402 found, right', 'the live region says it');
      // The big "85" is faded, the found number is not.
      assert.ok((await page.locator('[data-testid="overlay"] g.faded').count()) >= 2, "85's digits faded");
      assert.ok((await page.locator('[data-testid="overlay"] g:not(.faded)').count()) >= 3, "402's digits not faded");

      await waitForDetections(page, 15);
      assert.ok(await exists(page, 'found-outline'), 'still marked while in view');
      assert.deepEqual(await spoken(page), ['four hundred and two found, right'], 'said once; "85" is not said while finding');
      assert.deepEqual(await buzzes(page), [[120, 80, 120]], 'one buzz');

      await page.reload();
      await byId(page, 'find-input').waitFor({ timeout: 30_000 });
      assert.equal(await byId(page, 'find-input').inputValue(), '402', 'the wanted number is kept across a reload');
      await byId(page, 'find-clear').click();
      await page.reload();
      await byId(page, 'find-input').waitFor({ timeout: 30_000 });
      assert.equal(await byId(page, 'find-input').inputValue(), '', 'until cleared');
    });
  });

  it('a number that never appears ("402" while "4021" is in view): no mark, no buzz, nothing said', async () => {
    await withSpeakingApp(server, 'camera-4021.y4m', 'four thousand and twenty-one', async (page) => {
      // Not a number: said in plain words, and what was typed stays to be fixed.
      await find(page, 'abc');
      await poll(
        () => testIdText(page, 'notice'),
        (t) => t === NOT_A_NUMBER,
        'the message',
        5_000,
      );
      assert.equal(await byId(page, 'find-input').inputValue(), 'abc');
      await find(page, '402');
      await waitForDetections(page, 20);
      assert.equal(await exists(page, 'found-outline'), false, 'nothing marked');
      assert.deepEqual(await spoken(page), [], 'nothing said');
      assert.deepEqual(await buzzes(page), [], 'no vibration');
      assert.equal(await testIdText(page, 'reading-said'), '', 'the live region stays quiet');
      assert.ok((await page.locator('[data-testid="overlay"] g.faded').count()) >= 4, "4021's digits faded");
    });
  });
});
