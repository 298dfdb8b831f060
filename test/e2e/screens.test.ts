// Panels that behave like screens, messages that clear, "Ready to work offline" when it is true,
// and the install offer: the production build in Chromium at phone size, driven as a user would.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Locator, Page } from 'playwright-core';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { FIXTURES } from '../chromium.mjs';
import {
  launch,
  makeCapture,
  poll,
  servedApp,
  settledBox,
  storeCapture,
  testIdText,
  waitForTestId,
  type Rect,
} from './harness.js';

const byId = (page: Page, id: string): Locator => page.locator(`[data-testid="${id}"]`);

/** The focused element through shadow roots, outermost first: each one's data-testid, else its tag. */
function focusPath(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const path: string[] = [];
    for (let a: Element | null = document.activeElement; a; a = a.shadowRoot?.activeElement ?? null) {
      path.push(a.getAttribute('data-testid') ?? a.localName);
    }
    return path;
  });
}

/** Waits until the focus is inside (or on) the element named `where` (a tag or data-testid). */
function focusIn(page: Page, where: string): Promise<string[]> {
  return poll(
    () => focusPath(page),
    (p) => p.includes(where),
    `focus in ${where}`,
    5_000,
  );
}

/** Whether the element, or anything it sits in (through shadow roots), is inert. */
function isInert(l: Locator): Promise<boolean> {
  return l.evaluate((el) => {
    for (let n: Element | null = el; n; n = n.parentElement ?? (n.getRootNode() as Partial<ShadowRoot>).host ?? null) {
      if ((n as HTMLElement).inert) return true;
    }
    return false;
  });
}

/**
 * Presses Tab `times` times; after each press the focus must be inside `where`, or past the end
 * of the page (the browser's own controls come next): never on anything beneath the screen.
 */
async function tabStaysIn(page: Page, where: string, times = 25): Promise<void> {
  for (let i = 0; i < times; i++) {
    await page.keyboard.press('Tab');
    const path = await focusPath(page);
    assert.ok(path.includes(where) || path.join() === 'body', `Tab ${i + 1} left ${where}: focus is on ${path.join(' > ')}`);
  }
}

/** A visible close button named "Close", at least 44 px each way. */
async function assertCloseButton(close: Locator): Promise<void> {
  assert.equal(await close.count(), 1, 'one button named "Close"');
  const box = await settledBox(close);
  assert.ok(box.width >= 44 && box.height >= 44, `Close is ${box.width}×${box.height} px, under 44`);
  assert.ok(await close.isVisible());
}

const overlap = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What lies beneath every screen: none of it may take focus or a press while one is open. */
const BENEATH = ['capture', 'choose-photo', 'history-toggle', 'settings-toggle'];

describe('panels are screens', () => {
  const app = servedApp();

  it('History and the review: Close, Escape for the top one, focus in and back, nothing beneath reachable', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await storeCapture(page, 'screens-test');
    await byId(page, 'history-toggle').click();
    const history = page.locator('history-view');
    await history.waitFor();
    await focusIn(page, 'history-view');
    await assertCloseButton(history.getByRole('button', { name: 'Close', exact: true }));
    for (const id of BENEATH) assert.ok(await isInert(byId(page, id)), `${id} is inert under History`);
    assert.ok(await isInert(page.locator('camera-view')), 'the camera view is inert under History');
    await tabStaysIn(page, 'history-view');

    await byId(page, 'history-review').click();
    const review = page.locator('capture-review');
    await byId(page, 'review-box').waitFor({ timeout: 10_000 });
    await focusIn(page, 'capture-review');
    await assertCloseButton(review.getByRole('button', { name: 'Close', exact: true }));
    assert.ok(await isInert(byId(page, 'history-search')), "History's search is inert under the review");
    await tabStaysIn(page, 'capture-review');

    // Escape closes the review only; the focus goes back to the button that opened it.
    await page.keyboard.press('Escape');
    await review.waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await history.count(), 1, 'History is still open');
    await focusIn(page, 'history-review');
    assert.equal(await isInert(byId(page, 'history-search')), false);

    // Escape again closes History, back to History's button, and everything is usable again.
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached', timeout: 5_000 });
    await focusIn(page, 'history-toggle');
    for (const id of BENEATH) assert.equal(await isInert(byId(page, id)), false, `${id} is usable again`);
  });

  it('Settings: a screen of its own with Close and Escape, and gone from the view once closed', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto(app.server.url);
    const toggle = byId(page, 'settings-toggle');
    await toggle.click();
    const settings = page.locator('settings-panel');
    await settings.waitFor();
    // The whole screen, not a box over the reading.
    const box = await settledBox(settings);
    assert.deepEqual([box.x, box.y, box.width, box.height].map(Math.round), [0, 0, 320, 640], 'Settings covers the screen');
    await focusIn(page, 'settings-panel');
    const close = settings.getByRole('button', { name: 'Close', exact: true });
    await assertCloseButton(close);
    for (const id of BENEATH) assert.ok(await isInert(byId(page, id)), `${id} is inert under Settings`);
    await tabStaysIn(page, 'settings-panel');

    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached', timeout: 5_000 });
    await focusIn(page, 'settings-toggle');

    await toggle.click();
    await close.click();
    await settings.waitFor({ state: 'detached', timeout: 5_000 });
    await focusIn(page, 'settings-toggle');
    assert.equal(await isInert(byId(page, 'capture')), false);
  });
});

describe('messages clear', () => {
  const app = servedApp();

  it('"Saved …" leaves by itself', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url);
    await makeCapture(page);
    await byId(page, 'notice').waitFor({ state: 'detached', timeout: 20_000 });
  });

  it('"Nothing to capture" clears when a photo is chosen, can be dismissed, and the HUD never covers it', async () => {
    const b = await launch({ camera: false });
    try {
      const { page } = b;
      await page.goto(app.server.url + '?hud=1');
      await page.locator('[data-testid="capture"]:not([disabled])').click({ timeout: 60_000 });
      const notice = byId(page, 'notice');
      await waitForTestId(page, 'notice', (t) => /Nothing to capture/.test(t ?? ''), 10_000);
      const [hud, message] = await Promise.all([settledBox(byId(page, 'hud')), settledBox(notice)]);
      assert.ok(!overlap(hud, message), `the HUD ${JSON.stringify(hud)} covers the message ${JSON.stringify(message)}`);

      await byId(page, 'photo-input').setInputFiles(join(FIXTURES, 'number-4721.png'));
      await page.locator('photo-view').waitFor();
      await notice.waitFor({ state: 'detached', timeout: 10_000 });

      await byId(page, 'back-to-camera').click();
      await page.locator('[data-testid="capture"]:not([disabled])').click();
      await waitForTestId(page, 'notice', (t) => /Nothing to capture/.test(t ?? ''), 10_000);
      await notice.getByRole('button', { name: 'Dismiss' }).click();
      await notice.waitFor({ state: 'detached', timeout: 5_000 });
    } finally {
      await b.close();
    }
  });
});

describe('"Ready to work offline"', () => {
  const app = servedApp();

  it('shows once the model is cached, not while it loads, clear of the controls, and leaves by itself', async () => {
    const { page } = app.browser;
    // The page's model download is held back: the app shell is cached, the model is not loaded yet.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/models/digits/*/*.bin', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(app.server.url);
    await waitForTestId(page, 'model-loading', (t) => !!t, 10_000);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    assert.equal(await testIdText(page, 'offline-ready'), null, 'not while the model is still loading');
    assert.ok(await testIdText(page, 'model-loading'), 'the model is still loading');

    release();
    const toast = byId(page, 'offline-ready');
    await waitForTestId(page, 'offline-ready', (t) => /Ready to work offline/.test(t ?? ''), 60_000);
    const box = await settledBox(toast);
    for (const id of ['history-toggle', 'settings-toggle', 'capture', 'choose-photo']) {
      const control = await settledBox(byId(page, id));
      assert.ok(!overlap(box, control), `"Ready to work offline" covers ${id}`);
    }
    // Issue 24: its OK looked like text, and the toast took the taps meant for the view under it.
    const ok = toast.getByRole('button', { name: 'OK' });
    const look = await ok.evaluate((b) => ({ bg: getComputedStyle(b).backgroundColor, h: b.getBoundingClientRect().height }));
    assert.ok(!/^(transparent|rgba\(.*, 0\))$/.test(look.bg), `OK is drawn as a button (background ${look.bg})`);
    assert.ok(look.h >= 44, `OK is a thumb-sized target (${look.h} px)`);
    const hit = await toast.evaluate((el) => {
      const words = document.createRange();
      words.selectNodeContents(el.querySelector('span') ?? el);
      const r = words.getBoundingClientRect();
      let at: Element | null = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      while (at?.shadowRoot?.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)) {
        const inner: Element = at.shadowRoot.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)!;
        if (inner === at) break;
        at = inner;
      }
      return { inToast: !!at && (el.contains(at) || at.localName === 'pwa-status'), what: at?.localName ?? null };
    });
    assert.ok(!hit.inToast, `a tap on its words reaches the view beneath, not the toast (hit ${hit.what})`);
    await toast.waitFor({ state: 'detached', timeout: 20_000 });
  });
});

describe('install', () => {
  const app = servedApp();

  /**
   * What Chromium does when the app can be installed: a beforeinstallprompt event, here with a stub
   * prompt() that counts its calls. (A string: tsx would wrap the functions inside in a helper that
   * does not exist in the page.)
   */
  const offerInstall = (page: Page, outcome: 'accepted' | 'dismissed') =>
    page.evaluate(`(() => {
      const e = new Event('beforeinstallprompt', { cancelable: true });
      e.prompt = () => { window.prompted = (window.prompted ?? 0) + 1; return Promise.resolve(); };
      e.userChoice = Promise.resolve({ outcome: ${JSON.stringify(outcome)}, platform: 'web' });
      window.dispatchEvent(e);
    })()`);

  it('an "Install app" button when the browser offers it, an "Add to Home Screen" hint when it does not', async () => {
    const { page } = app.browser;
    // Chromium offers to install this app by itself: keep its own offer from the app, so the page
    // runs as in a browser that never offers it (iOS Safari). The test's offers below get through.
    await page.addInitScript(
      `window.addEventListener('beforeinstallprompt', (e) => e.isTrusted && e.stopImmediatePropagation(), { capture: true });`,
    );
    await page.goto(app.server.url);
    await byId(page, 'settings-toggle').click();
    const settings = page.locator('settings-panel');
    const install = settings.getByRole('button', { name: 'Install app' });
    await waitForTestId(page, 'install-hint', (t) => /Add to Home Screen/.test(t ?? ''), 5_000);
    assert.equal(await install.count(), 0);

    await offerInstall(page, 'dismissed');
    await install.click({ timeout: 5_000 });
    await poll(
      () => page.evaluate(() => (window as unknown as { prompted?: number }).prompted ?? 0),
      (n) => n === 1,
      'prompt() called once',
    );
    await install.waitFor({ state: 'detached', timeout: 5_000 });

    // Offered again, then installed from the browser's own menu: the button goes.
    await offerInstall(page, 'accepted');
    await install.waitFor({ timeout: 5_000 });
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    await install.waitFor({ state: 'detached', timeout: 5_000 });
    assert.equal(await testIdText(page, 'install-hint'), null, 'no hint once installed');
  });
});
