/**
 * On a slow link the model bar moves with the bytes received: the server trickles the model files
 * out (THROTTLE_BPS, scripts/serve.mjs) and the test reads the percentage the user sees until
 * the model is ready.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FIND_BY_TEST_ID, modelVersion, poll, servedApp } from './harness.js';

// The model is about 1.1 MB: some 4 s at this rate.
const BYTES_PER_SECOND = 300_000;

describe('model download progress (production build, slow link)', () => {
  const app = servedApp({ THROTTLE_BPS: String(BYTES_PER_SECOND) });

  it('moves with the bytes received, not from 0 % straight to 100 %', async () => {
    const { page } = app.browser;
    // Read in the page itself, every 20 ms from its start: polling from here could miss
    // steps (each look is a round trip) when the machine is busy.
    await page.addInitScript(`(() => {
      const find = ${FIND_BY_TEST_ID};
      window.shown = [];
      window.offlineTooSoon = false;
      const look = () => {
        const loading = find('model-loading')?.textContent?.trim() ?? null;
        const percent = /(\\d+)\\s*%/.exec(loading ?? '')?.[1];
        if (percent !== undefined && Number(percent) !== window.shown.at(-1)) window.shown.push(Number(percent));
        // The app shell is saved long before the model: "offline" must wait for the model.
        if (loading && find('offline-ready')) window.offlineTooSoon = true;
      };
      setInterval(look, 20);
    })()`);
    await page.goto(app.server.url);
    await poll(
      () => modelVersion(page),
      (version) => !!version,
      'the model ready',
      60_000,
    );
    const { shown, offlineTooSoon } = (await page.evaluate(
      '({ shown: window.shown, offlineTooSoon: window.offlineTooSoon })',
    )) as {
      shown: number[];
      offlineTooSoon: boolean;
    };
    console.log(`percentages shown: ${shown.join(', ')}`);
    const between = shown.filter((p) => p > 0 && p < 100);
    assert.ok(new Set(between).size >= 3, `at least 3 steps between 0 and 100 %: ${shown.join(', ')}`);
    assert.deepEqual(
      shown,
      [...shown].sort((a, b) => a - b),
      'never goes back',
    );
    assert.equal(offlineTooSoon, false, '"Ready to work offline" while the model was still loading');
  });
});
