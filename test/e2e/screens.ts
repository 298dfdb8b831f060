/**
 * A walk through every screen of the app as a user makes it (live camera with a reading, Settings,
 * History with captures and its stats, a capture's review, a chosen photo), and page-side
 * measurements that the layout and accessibility tests make on each. Generic on purpose: the
 * measurements look at every button and input on screen, so controls added later are covered too.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { dismissNotices, makeCapture, poll, settledBox, waitForTestId } from './harness.js';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { FIXTURES } from '../chromium.mjs';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-results/screenshots');

/** Phone portrait (small and common) and phone landscape. */
export const SIZES = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
  { width: 844, height: 390 },
] as const;

export type ScreenName = 'main' | 'settings' | 'history' | 'stats' | 'review' | 'photo';

/**
 * Closes an open screen as a user would: Escape first; where that does not close it, its own
 * close control. Resolves once the screen's element is gone.
 */
async function closeScreen(page: Page, screen: string, closeControl: string): Promise<void> {
  await page.keyboard.press('Escape');
  const gone = await page
    .locator(screen)
    .waitFor({ state: 'detached', timeout: 1_000 })
    .then(() => true)
    .catch(() => false);
  if (gone) return;
  await tap(page, closeControl);
  await page.locator(screen).waitFor({ state: 'detached', timeout: 5_000 });
}

/**
 * Clicks a control as a user taps it. A toast over it ("Ready to work offline") takes the tap:
 * the user closes the toast first, and so does this (dismissNotices: the toast may leave by itself
 * meanwhile, so it is not clicked through a locator that would wait for it).
 */
export async function tap(page: Page, selector: string): Promise<void> {
  const control = page.locator(selector).first();
  try {
    await control.click({ timeout: 3_000 });
  } catch {
    await dismissNotices(page);
    await control.click();
  }
}

/** The live reading and its boxes are drawn, and the layout has stopped moving. */
async function readingShown(page: Page, reading: string): Promise<void> {
  await waitForTestId(page, 'reading', (t) => t === reading, 60_000);
  await poll(
    () => page.locator('[data-testid="overlay"]').getAttribute('data-boxes'),
    (n) => Number(n) >= reading.length,
    'the digit boxes drawn',
    20_000,
  );
  await settledBox(page.locator('[data-testid="reading"]'));
}

/**
 * Opens the app (the fake camera shows 4721) and visits each screen in turn; `visit` measures the
 * screen while it is open. Makes two captures on the way so that History has rows to show.
 */
export async function tour(page: Page, url: string, visit: (screen: ScreenName) => Promise<void>): Promise<void> {
  await page.goto(url);
  await readingShown(page, '4721');
  await visit('main');

  await tap(page, '[data-testid="settings-toggle"]');
  // The panel reads its settings from IndexedDB after it opens: wait until its inputs are live.
  await page.locator('[data-testid="max-captures"]:not([disabled])').waitFor({ timeout: 10_000 });
  await visit('settings');
  await closeScreen(page, 'settings-panel', '[data-testid="settings-close"], [data-testid="settings-toggle"]');

  await makeCapture(page);
  await makeCapture(page);
  await tap(page, '[data-testid="history-toggle"]');
  await poll(
    () => page.locator('[data-testid="history-item"]').count(),
    (n) => n === 2,
    'two captures listed in History',
  );
  await page.locator('[data-testid="history-item"] img').first().waitFor();
  await visit('history');

  await tap(page, '[data-testid="history-stats"]');
  await page.locator('[data-testid="stats-version"]').first().waitFor({ timeout: 10_000 });
  await visit('stats');
  await tap(page, '[data-testid="history-stats"]');
  await page.locator('[data-testid="history-stats-panel"]').waitFor({ state: 'detached', timeout: 5_000 });

  await tap(page, '[data-testid="history-review"]');
  await page.locator('[data-testid="review-box"]').first().waitFor({ timeout: 10_000 });
  await visit('review');
  await closeScreen(page, 'capture-review', '[data-testid="review-close"]');
  await closeScreen(page, 'history-view', '[data-testid="history-close"]');

  await page.locator('[data-testid="photo-input"]').setInputFiles(join(FIXTURES, 'number-4721.png'));
  await page.locator('[data-testid="photo"]').waitFor({ timeout: 20_000 });
  await readingShown(page, '4721');
  await visit('photo');
}

/** Saves what the screen looks like as a test artefact (test-results/ is not committed). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

export interface LayoutProbe {
  scrollWidth: number;
  innerWidth: number;
  /** Elements reaching past the left or right edge of the viewport. */
  wide: string[];
  /** Elements whose content is wider than they are (cut off, or scrolled sideways). */
  cut: string[];
  /** Buttons, inputs (with a label around them) and summaries under 44 px wide or tall. */
  small: string[];
  /** How much taller the header is than one row of its tallest item (0 when it does not wrap). */
  headerExtra: number;
  /** Reading shown and the boxes of the digits it read that it covers. */
  covered: string[];
}

// A string, not a function: tsx's esbuild would wrap inner functions in a __name helper that
// does not exist inside the page (see harness.ts).
const PROBE = `(() => {
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const W = innerWidth;
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width < 2 || r.height < 2) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none';
  };
  const name = (el) => {
    const id = el.getAttribute('data-testid');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 24);
    return el.tagName.toLowerCase() + (id ? '[' + id + ']' : '') + (text ? ' "' + text + '"' : '');
  };
  // Shapes inside an <svg> are clipped by it: the <svg> itself is what takes room.
  const html = all.filter((el) => !(el instanceof SVGElement && !(el instanceof SVGSVGElement)) && shown(el));
  const wide = html
    .filter((el) => { const r = el.getBoundingClientRect(); return r.left < -1 || r.right > W + 1; })
    .map((el) => { const r = el.getBoundingClientRect(); return name(el) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right); });
  // Content wider than the box that clips it: cut off, or only seen by scrolling sideways.
  const cut = html
    .filter((el) => !el.matches('input, textarea') && getComputedStyle(el).overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
    .map((el) => name(el) + ' shows ' + el.clientWidth + ' of ' + el.scrollWidth + ' px');
  const targets = html.filter((el) => el.matches('button, input, select, textarea, a[href], [role="button"], summary'));
  // A target is its own box, both ways; an input wrapped in a label is pressed through that label
  // too. A label elsewhere (joined by for=) is not where a finger goes for the box itself.
  const small = targets
    .map((el) => {
      const r = el.getBoundingClientRect();
      const wrap = el.closest('label');
      const l = wrap ? wrap.getBoundingClientRect() : r;
      return [el, Math.max(r.width, l.width), Math.max(r.height, l.height)];
    })
    .filter(([, w, h]) => w < 44 - 0.5 || h < 44 - 0.5)
    .map(([el, w, h]) => name(el) + ' ' + w.toFixed(1) + '×' + h.toFixed(1) + ' px');
  const app = document.querySelector('digit-lens-app').shadowRoot;
  const header = app.querySelector('header');
  let headerExtra = 0;
  if (header && shown(header)) {
    const s = getComputedStyle(header);
    const tallest = Math.max(0, ...[...header.children].filter(shown).map((c) => c.getBoundingClientRect().height));
    headerExtra = header.getBoundingClientRect().height - tallest - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom);
  }
  const reading = all.find((el) => el.getAttribute('data-testid') === 'reading');
  const overlay = all.find((el) => el.getAttribute('data-testid') === 'overlay');
  const covered = [];
  if (reading && shown(reading) && overlay) {
    const r = reading.getBoundingClientRect();
    const view = overlay.getBoundingClientRect();
    for (const box of overlay.querySelectorAll('rect:not(.tag)')) {
      const b = box.getBoundingClientRect();
      // Only what is on screen of the box: the camera view crops the frame.
      const left = Math.max(b.left, view.left), right = Math.min(b.right, view.right);
      const top = Math.max(b.top, view.top), bottom = Math.min(b.bottom, view.bottom);
      if (right <= left || bottom <= top) continue;
      if (left < r.right && r.left < right && top < r.bottom && r.top < bottom)
        covered.push('box ' + [left, top, right, bottom].map(Math.round).join(',') + ' under the reading ' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(','));
    }
  }
  return { scrollWidth: document.scrollingElement.scrollWidth, innerWidth: W, wide, cut, small, headerExtra, covered };
})()`;

export function probeLayout(page: Page): Promise<LayoutProbe> {
  return page.evaluate(PROBE) as Promise<LayoutProbe>;
}

/** The main actions whose boxes must lie inside the viewport on the main screen and over a photo. */
export const MAIN_ACTIONS = ['capture', 'history-toggle', 'settings-toggle', 'choose-photo'];

/**
 * The main actions (by test id) that a thumb cannot reach: box not wholly inside the viewport, or
 * something else (a toast, a panel) on top of their middle.
 */
export async function offScreen(page: Page, ids: readonly string[]): Promise<string[]> {
  const size = page.viewportSize()!;
  const out: string[] = [];
  for (const id of ids) {
    const control = page.locator(`[data-testid="${id}"]`);
    const b = await control.boundingBox();
    if (!b || b.x < 0 || b.y < 0 || b.x + b.width > size.width + 0.5 || b.y + b.height > size.height + 0.5) {
      out.push(`${id} at ${b ? [b.x, b.y, b.x + b.width, b.y + b.height].map(Math.round).join(',') : 'nowhere'}`);
      continue;
    }
    const top = (await control.evaluate(`(el) => {
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      let hit = document.elementFromPoint(x, y);
      while (hit && hit.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit === el || el.contains(hit) ? '' : (hit ? hit.tagName.toLowerCase() + ' ' + (hit.textContent || '').trim().slice(0, 30) : 'nothing');
    }`)) as string;
    if (top) out.push(`${id} covered by ${top}`);
  }
  return out;
}

/** The element keyboard focus is on, looking through shadow roots: "tag text". */
export function focusedName(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return el ? el.tagName.toLowerCase() + ' ' + ((el.textContent || '').trim() || el.getAttribute('aria-label') || '') : '';
  })()`) as Promise<string>;
}
