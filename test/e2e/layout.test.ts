import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, poll, serve, type Served } from './harness.js';
import { MAIN_ACTIONS, SIZES, focusedName, offScreen, probeLayout, screenshot, tap, tour, type ScreenName } from './screens.js';

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
});
