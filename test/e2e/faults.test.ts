import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ModelManifest } from '../../src/detector/model-format.js';
import { engine, launch, serve, servedApp, testIdText, waitForTestId } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NUMBER = '4721';

describe('faults: a clear message, a way forward, nothing lost', () => {
  const app = servedApp();
  const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-faults-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('a model shard that 404s gives a message and a retry, and the app recovers when it is back', async () => {
    const latest = JSON.parse(readFileSync(join(ROOT, 'dist/models/digits/latest.json'), 'utf8')) as ModelManifest;
    const served = join(tmp, 'served');
    cpSync(join(ROOT, 'dist'), served, { recursive: true });
    const shard = latest.files.find((f) => f.name.endsWith('.bin'))!.name;
    const shardPath = join(served, 'models/digits', latest.path, shard);
    const saved = readFileSync(shardPath);
    rmSync(shardPath);
    const server = await serve(served);
    const b = await launch();
    try {
      await b.page.goto(server.url);
      const msg = await waitForTestId(b.page, 'model-error', (t) => !!t, 30_000);
      assert.equal(msg, 'The digit model could not be downloaded. Check your connection, then try again.');
      assert.equal(await testIdText(b.page, 'camera-state'), 'live', 'the camera view stays usable');
      cpSync(join(ROOT, 'dist/models/digits', latest.path, shard), shardPath);
      assert.ok(readFileSync(shardPath).equals(saved));
      await b.page.locator('[data-testid="model-retry"]').click();
      await waitForTestId(b.page, 'reading', (t) => t === NUMBER, 30_000);
    } finally {
      await b.close();
      await server.close();
    }
  });

  it('a first visit that cannot reach the model says so, then reads once the network is back', async () => {
    const { page, context } = app.browser;
    await page.route('**/models/digits/**', (r) => r.abort('internetdisconnected'));
    await page.goto(app.server.url);
    const msg = await waitForTestId(page, 'model-error', (t) => !!t, 30_000);
    assert.match(msg!, /Connect to the internet once|could not be downloaded/);
    await page.unroute('**/models/digits/**');
    await context.setOffline(true);
    await page.waitForFunction(() => !navigator.onLine); // so that coming back is an 'online' event
    await context.setOffline(false); // the 'online' event retries by itself
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
  });

  it('WebGL lost during detection hands over to WASM and keeps reading, without a reload', async () => {
    const { page } = app.browser;
    await page.goto(app.server.url + '?backend=webgl&failWebgl=run');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 120_000);
    const { backend, reason } = await engine(page);
    assert.equal(backend, 'wasm');
    assert.match(reason ?? '', /webgl failed: simulated WebGL context lost during detection/i);
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 1);
  });
});
