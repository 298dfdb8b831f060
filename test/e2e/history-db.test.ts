/**
 * The history's database when something outside the tab acts on it, on the production build:
 * a newer app version opened in a second tab (one needing a schema upgrade), an old tab that does
 * not let go, and site data cleared while the app runs.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capture, historyCount, makeCapture, servedApp, waitForTestId } from './harness.js';

const BLOCKED = 'Digit Lens is open in another tab with an older version — close it or reload it.';
const OUTDATED = 'Digit Lens was updated in another tab: reload this page to keep saving captures and using History.';

/**
 * Plays a newer app version in a tab: every open of the history asks for one schema version more
 * than this build knows (its upgrade has no step for it, so the data stays as it is).
 */
const NEWER_SCHEMA = `(() => {
  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (name, version) {
    return name === 'digit-lens' && typeof version === 'number' ? open.call(this, name, version + 1) : open.apply(this, arguments);
  };
})()`;

/** An old app version's connection: holds the database and ignores versionchange. */
const HOLD_DATABASE = `new Promise((resolve, reject) => {
  const r = indexedDB.open('digit-lens');
  r.onsuccess = () => { window.heldDb = r.result; resolve(r.result.version); };
  r.onerror = () => reject(r.error);
})`;

describe('history database across tabs and cleared site data', () => {
  const app = servedApp();
  // Without the fix the newer tab waits forever (no error, no end): a limit turns that into a failure.
  const limit = { timeout: 180_000 };

  it('an old tab lets go of the database for a newer version in another tab, and tells its user to reload', limit, async () => {
    const { context, page: old } = app.browser;
    await old.goto(app.server.url);
    await makeCapture(old);
    const newer = await context.newPage();
    await newer.addInitScript(NEWER_SCHEMA);
    await newer.goto(app.server.url);
    // The newer tab goes on at once: History opens and captures are saved.
    await makeCapture(newer);
    assert.equal(await historyCount(newer), 2, 'the newer tab sees the old capture and its own');
    await newer.locator('[data-testid="history-toggle"]').click();
    // The list fills in after History opens: wait for the rows, not for the empty list.
    await newer.locator('[data-testid="history-item"]').nth(1).waitFor({ timeout: 10_000 });
    assert.equal(await newer.locator('[data-testid="history-item"]').count(), 2);
    // The old tab closed its connection (else the newer one would still wait) and says what to do.
    await waitForTestId(old, 'history-status', (t) => t === OUTDATED, 10_000);
    assert.equal(await old.locator('[data-testid="history-status-reload"]').count(), 1, 'a Reload button');
    // Its Capture does not hang: it says why it was not saved, and comes back.
    assert.equal(await capture(old), `Could not save the capture: ${OUTDATED}`);
    await old.locator('[data-testid="capture"]:not([disabled])').waitFor({ timeout: 5_000 });
  });

  it(
    'a newer tab blocked by an old one that does not let go says why, never hangs, and goes on once it is closed',
    limit,
    async () => {
      const { context, page: old } = app.browser;
      await old.goto(app.server.url);
      assert.equal(await historyCount(old), 0, 'the database exists');
      assert.equal(await old.evaluate(HOLD_DATABASE), 2);
      const newer = await context.newPage();
      await newer.addInitScript(NEWER_SCHEMA);
      await newer.goto(app.server.url);
      await waitForTestId(newer, 'history-status', (t) => t === BLOCKED, 15_000);
      // Capture says it was not saved and why, instead of waiting with the button disabled.
      assert.equal(await capture(newer), `Could not save the capture: ${BLOCKED}`);
      await newer.locator('[data-testid="capture"]:not([disabled])').waitFor({ timeout: 5_000 });
      // History opens and says the same.
      await newer.locator('[data-testid="history-toggle"]').click();
      await waitForTestId(newer, 'history-message', (t) => t === BLOCKED, 5_000);
      await newer.locator('[data-testid="history-close"]').click();
      // The old tab goes away: the newer one opens the database by itself and saves.
      await old.close();
      await waitForTestId(newer, 'history-status', (t) => t === null, 10_000);
      await makeCapture(newer);
      assert.equal(await historyCount(newer), 1);
    },
  );

  it('clearing site data while the app runs: the next capture is saved into a fresh history', limit, async () => {
    const { context, page } = app.browser;
    await page.goto(app.server.url);
    await makeCapture(page);
    await makeCapture(page);
    // What Settings → "Clear site data" does: Chromium deletes the database and closes the connection.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin: new URL(app.server.url).origin, storageTypes: 'indexeddb' });
    const saved = await capture(page);
    assert.match(saved, /^Saved \d+\.$/, 'not "The database connection is closing"');
    assert.equal(await historyCount(page), 1, 'the new capture, in a fresh history');
    assert.equal(await waitForTestId(page, 'history-status', () => true), null, 'nothing asks for a reload');
  });
});
