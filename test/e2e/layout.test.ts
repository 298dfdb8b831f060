import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launch, poll, serve, testIdText, type Served } from './harness.js';
import { MAIN_ACTIONS, SIZES, focusedName, offScreen, probeLayout, screenshot, tap, tour, type ScreenName } from './screens.js';

/** A fresh browser without a camera at this size on the app, for `body`; closed afterwards. */
async function withPage(url: string, width: number, height: number, body: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launch({ camera: false });
  try {
    await browser.page.setViewportSize({ width, height });
    await browser.page.goto(url);
    await body(browser.page);
  } finally {
    await browser.close();
  }
}

describe('phone layout at 320x640, 390x844 and 844x390 (production build, fake camera showing 4721)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  for (const { width, height } of SIZES) {
    const size = `${width}x${height}`;
    it(`${size}: every screen fits the width, keeps its actions on screen, 44 px targets, reading clear of its digits`, async () => {
      const browser = await launch({ camera: 'camera-4721.y4m' });
      const problems: string[] = [];
      try {
        const { page } = browser;
        await page.setViewportSize({ width, height });
        await tour(page, server.url, async (screen: ScreenName) => {
          await screenshot(page, `${size}-${screen}`);
          const p = await probeLayout(page);
          const at = `${size} ${screen}:`;
          if (p.scrollWidth > p.innerWidth) problems.push(`${at} page scrolls sideways (${p.scrollWidth} > ${p.innerWidth})`);
          for (const w of p.wide) problems.push(`${at} wider than the screen: ${w}`);
          for (const c of p.cut) problems.push(`${at} cut off or scrolled sideways: ${c}`);
          for (const s of p.small) problems.push(`${at} touch target under 44 px: ${s}`);
          if (p.headerExtra > 1) problems.push(`${at} header wraps (${Math.round(p.headerExtra)} px more than one row)`);
          for (const c of p.covered) problems.push(`${at} reading covers its digits: ${c}`);
          if (screen === 'main' || screen === 'photo')
            for (const o of await offScreen(page, MAIN_ACTIONS)) problems.push(`${at} off screen: ${o}`);
        });
      } finally {
        await browser.close();
      }
      assert.deepEqual(problems, []);
    });
  }

  it('Import in History is a control reached with Tab, like Export', async () => {
    const browser = await launch({ camera: 'camera-4721.y4m' });
    try {
      const { page } = browser;
      // Listen from the start: Playwright turns on its file chooser interception with the first listener.
      let chose = 0;
      page.on('filechooser', () => chose++);
      await page.goto(server.url);
      await tap(page, '[data-testid="history-toggle"]');
      await page.locator('[data-testid="history-search"]').focus();
      const reached: string[] = [];
      for (let i = 0; i < 12 && !reached.some((n) => /Import/.test(n)); i++) {
        await page.keyboard.press('Tab');
        reached.push(await focusedName(page));
      }
      assert.ok(
        reached.some((n) => /^button Import/.test(n)),
        `Tab from the search box reached: ${reached.join(' | ')}`,
      );
      // And the keyboard opens the file chooser from there.
      await page.keyboard.press('Enter');
      await poll(
        async () => chose,
        (n) => n === 1,
        'the file chooser to open',
        5_000,
      );
    } finally {
      await browser.close();
    }
  });

  it("320x640: History's search box shows its whole placeholder", async () => {
    await withPage(server.url, 320, 640, async (page) => {
      await tap(page, '[data-testid="history-toggle"]');
      const search = page.locator('[data-testid="history-search"]');
      await search.waitFor();
      // Issue 24: it read "Search by numbe". The placeholder is laid out in the same inner box as
      // typed text (beside the room kept for the clear button), so those words typed in must not
      // scroll either.
      const fit = await search.evaluate((el: HTMLInputElement) => {
        el.value = el.placeholder;
        const r = { text: el.placeholder, needs: el.scrollWidth, has: el.clientWidth };
        el.value = '';
        return r;
      });
      assert.ok(fit.needs <= fit.has, `"${fit.text}" needs ${fit.needs} px, the box has ${fit.has} px`);
    });
  });

  it('Settings: each label lines up with the first line of its value (issue 24: "Reads on")', async () => {
    await withPage(server.url, 360, 740, async (page) => {
      await tap(page, '[data-testid="settings-toggle"]');
      await page.locator('[data-testid="max-captures"]:not([disabled])').waitFor({ timeout: 10_000 });
      await poll(
        () => testIdText(page, 'backend'),
        (t) => !!t,
        'the engine known',
        60_000,
      );
      // The bottom of each label's first line of text against its value's first line of text (a
      // string: see FIND_BY_TEST_ID in harness.ts on tsx and inner functions).
      const rows = (await page.evaluate(`((panel) => {
        const firstLine = (el) => {
          const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            if (!n.textContent.trim()) continue;
            const r = document.createRange();
            r.selectNodeContents(n);
            const rect = r.getClientRects()[0];
            if (rect && rect.height) return rect;
          }
          return null;
        };
        return [...panel.shadowRoot.querySelectorAll('dt')].map((dt) => {
          const a = firstLine(dt);
          const b = firstLine(dt.nextElementSibling);
          return { label: dt.textContent.trim(), off: a && b ? Math.abs(a.bottom - b.bottom) : 0 };
        });
      })(document.querySelector('digit-lens-app').shadowRoot.querySelector('settings-panel'))`)) as Array<{
        label: string;
        off: number;
      }>;
      const askew = rows.filter((r) => r.off > 2).map((r) => `${r.label} (${r.off.toFixed(1)} px)`);
      assert.ok(
        rows.some((r) => r.label === 'Reads on'),
        `the rows: ${rows.map((r) => r.label).join(', ')}`,
      );
      assert.deepEqual(askew, [], 'labels out of line with their values');
    });
  });
});
