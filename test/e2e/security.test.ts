import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { engine, servedApp, waitForDetections, waitForTestId } from './harness.js';

describe('security: strict CSP and no request to any other origin', () => {
  const app = servedApp();

  it('runs camera, WASM detector and service worker under the CSP, touching only its own origin', async () => {
    const { page, context } = app.browser;
    const origins = new Set<string>();
    // Context-level: page, dedicated worker and service worker requests alike.
    context.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol === 'http:' || u.protocol === 'https:') origins.add(u.origin);
    });
    await page.addInitScript(() => {
      (window as unknown as { cspViolations: string[] }).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const res = await page.goto(app.server.url);
    assert.match(res!.headers()['content-security-policy'] ?? '', /default-src 'self'/);
    await engine(page, (e) => e.backend === 'wasm');
    await waitForTestId(page, 'camera-state', (t) => t === 'live', 10_000);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await waitForDetections(page, 5); // detections run under the policy, in the worker too
    const violations = await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
    assert.deepEqual(violations, []);
    assert.deepEqual([...origins], [new URL(app.server.url).origin]);
    // And the policy really is enforced: an inline script is refused.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.body.append(s);
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    assert.equal(ran, false);
  });
});
