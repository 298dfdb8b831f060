// Settings offers learning from corrections in the production app, and the replay set it needs is
// neither downloaded on a first visit nor precached by the service worker.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { servedApp, waitForTestId } from './harness.js';

describe('personal model in Settings (production build)', () => {
  const app = servedApp();

  it('says how many reviewed digits learning needs, and the first visit does not fetch the replay set', async () => {
    const { page } = app.browser;
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto(app.server.url);
    await waitForTestId(page, 'reading', (t) => !!t, 30_000);
    await page.locator('[data-testid="settings-toggle"]').click();
    const notYet = page.locator('[data-testid="learn-not-yet"]');
    await notYet.waitFor({ timeout: 10_000 });
    assert.match((await notYet.textContent()) ?? '', /Review at least 20 digits in History \(now 0\)/);
    assert.equal(await page.locator('[data-testid="learn"]').count(), 0, 'no Learn button yet');
    // The service worker has precached everything once it is active (its install is the precache).
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    assert.deepEqual(
      requested.filter((u) => u.includes('/models/replay/')),
      [],
      'replay set not fetched',
    );
    const sw = readFileSync(join(resolve(import.meta.dirname, '../..'), 'dist/sw.js'), 'utf8');
    assert.ok(sw.includes('learning.worker'), 'the learning worker is precached (learning works offline)');
    assert.ok(!sw.includes('models/replay'), 'the replay set is not precached');
  });
});
