import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { launch, serve, type Served } from './harness.js';
import { SIZES, tour, type ScreenName } from './screens.js';

const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

interface AxeResult {
  violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown[] }> }>;
}

/** axe-core's audit of the page as it is now (it looks into open shadow roots): "rule: help @ targets". */
async function audit(page: Page): Promise<string[]> {
  // Evaluated, not added as a <script>: the app's Content-Security-Policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as AxeResult;
  return result.violations.map((v) => `${v.id}: ${v.help} @ ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
}

describe('accessibility audit of every screen (axe-core, production build, fake camera showing 4721)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  // One portrait and the landscape size: the layout, and so what overlaps what, differs between them.
  for (const { width, height } of [SIZES[1], SIZES[2]]) {
    it(`${width}x${height}: no violations on the main screen, Settings, History, a review and a chosen photo`, async () => {
      const browser = await launch({ camera: 'camera-4721.y4m' });
      const found: string[] = [];
      try {
        await browser.page.setViewportSize({ width, height });
        await tour(browser.page, server.url, async (screen: ScreenName) => {
          for (const v of await audit(browser.page)) found.push(`${screen}: ${v}`);
        });
      } finally {
        await browser.close();
      }
      assert.deepEqual(found, []);
    });
  }
});
