/**
 * What a first visit costs: every request of the page, its detection worker and its service
 * worker, from a fresh profile until the model is ready and everything the app used is saved for
 * offline use. Each file must come over the network once, and the whole visit fit in 3.2 MB.
 * The server counts what it sent (REQUEST_LOG): answers from a cache never reach it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { modelVersion, poll, servedApp } from './harness.js';

const BUDGET = 3.2e6;

/** Same-origin paths that no cache of the origin holds yet. */
function uncached(page: Page, paths: string[]): Promise<string[]> {
  return page.evaluate(async (list) => {
    const missing: string[] = [];
    // Precached files are kept under their URL plus a revision parameter.
    for (const p of list) if (!(await caches.match(p, { ignoreSearch: true }))) missing.push(p);
    return missing;
  }, paths);
}

/** Who asked for a request, as the browser reports it. */
const requester = (req: Request): string => (req.serviceWorker() ? 'service worker' : 'page or worker');

describe('first visit (production build)', () => {
  const app = servedApp({ REQUEST_LOG: '1' });

  it('fetches each file once, only what this device runs, and works offline afterwards', async () => {
    const { page, context } = app.browser;
    const sent = app.server.requests;
    const origin = new URL(app.server.url).origin;
    // The browser's view, for the report and to know when nothing is loading any more.
    const askedBy = new Map<string, Set<string>>();
    let inFlight = 0;
    context.on('request', (req) => {
      inFlight++;
      const path = req.url().replace(origin, '');
      askedBy.set(path, (askedBy.get(path) ?? new Set()).add(requester(req)));
    });
    context.on('requestfinished', () => inFlight--);
    context.on('requestfailed', () => inFlight--);

    await page.goto(app.server.url);
    await poll(
      () => modelVersion(page),
      (v) => !!v,
      'the model ready',
      60_000,
    );
    await page.evaluate(async () => navigator.serviceWorker.ready);
    // Saved for offline: every file that came over the network is in a cache and nothing is still
    // loading. Not for caching: the page itself (served from the cached index.html), the service
    // worker script (the browser keeps it) and update checks (?check=).
    const forOffline = () => [...new Set(sent.map((r) => r.url))].filter((u) => u !== '/' && u !== '/sw.js' && !u.includes('?'));
    await poll(
      async () => (inFlight === 0 ? await uncached(page, forOffline()) : ['(requests in flight)']),
      (missing) => missing.length === 0,
      'every downloaded file saved for offline use',
      60_000,
    );

    const total = sent.reduce((n, r) => n + r.bytes, 0);
    const table = sent.map((r) => `${String(r.bytes).padStart(9)}  ${r.url}  (${[...(askedBy.get(r.url) ?? [])].join(', ')})`);
    console.log(`first visit: ${sent.length} requests, ${(total / 1e6).toFixed(2)} MB\n${table.join('\n')}`);

    const count = new Map<string, number>();
    for (const r of sent) count.set(r.url, (count.get(r.url) ?? 0) + 1);
    const twice = [...count].filter(([, n]) => n > 1).map(([u, n]) => `${u} ×${n} (${[...(askedBy.get(u) ?? [])].join(', ')})`);
    assert.deepEqual(twice, [], 'no file comes over the network twice');
    const wasm = sent.filter((r) => r.url.endsWith('.wasm')).map((r) => r.url);
    assert.ok(wasm.length <= 1, `one WASM build at most: ${wasm.join(', ')}`);
    assert.ok(total <= BUDGET, `first visit ${total} bytes > ${BUDGET}`);

    // And what was saved is enough: the app starts its model offline with no second online visit.
    await context.setOffline(true);
    try {
      await page.reload();
      await poll(
        () => modelVersion(page),
        (v) => !!v,
        'the model ready',
        60_000,
      );
    } finally {
      await context.setOffline(false);
    }
  });
});
