import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sha256, writeManifest } from '../../scripts/export-model.js';
import type { ModelManifest } from '../../src/detector/model-format.js';
import { engine, launch, serve, testIdText, waitForTestId, type Browser, type Served } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NUMBER = '4721';
const current = JSON.parse(readFileSync(join(ROOT, 'models/digits/latest.json'), 'utf8')) as ModelManifest;

/** A second model version for update tests: the shipped weights under a new version name. */
function buildNextVersion(tmp: string): { dist: string; version: string } {
  const version = `${current.version}-next`;
  const models = join(tmp, 'digits');
  cpSync(join(ROOT, 'models/digits', current.path), join(models, version), { recursive: true });
  const modelJson = join(models, version, 'model.json');
  const json = JSON.parse(readFileSync(modelJson, 'utf8'));
  json.userDefinedMetadata.detector.version = version;
  writeFileSync(modelJson, JSON.stringify(json));
  writeManifest(models, version, current.inputSize);
  const dist = join(tmp, 'dist-next');
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], {
    cwd: ROOT,
    env: { ...process.env, DIGIT_LENS_MODELS: models },
    stdio: 'inherit',
  });
  return { dist, version };
}

const cacheNames = (b: Browser): Promise<string[]> => b.page.evaluate(() => caches.keys());

/** Reloads with no network and waits until the number is read with `version`. */
async function readsOffline(b: Browser, version: string): Promise<void> {
  await b.context.setOffline(true);
  try {
    await b.page.reload();
    await waitForTestId(b.page, 'reading', (t) => t === NUMBER, 30_000);
    assert.equal((await engine(b.page)).version, version);
  } finally {
    await b.context.setOffline(false);
  }
}

describe('offline model (production build)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-offline-'));
  const served = join(tmp, 'served');
  let next: { dist: string; version: string };
  let server: Served;
  let browser: Browser;
  before(async () => {
    cpSync(join(ROOT, 'dist'), served, { recursive: true });
    next = buildNextVersion(tmp);
    server = await serve(served);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('reads the number offline after one online visit, with the model from its version cache', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
    await page.evaluate(async () => navigator.serviceWorker.ready);
    await page.reload();
    assert.ok((await cacheNames(browser)).includes(`digit-lens-model-${current.version}`));
    await readsOffline(browser, current.version);
  });

  it('meets Chromium install criteria', async () => {
    const cdp = await browser.context.newCDPSession(browser.page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
    assert.deepEqual(installabilityErrors, []);
    await cdp.detach();
  });

  it('says "Model files damaged" offline for a corrupted cached shard, and repairs it once online', async () => {
    const { page, context } = browser;
    const shard = current.files.find((f) => f.name.endsWith('.bin'))!;
    const url = `/models/digits/${current.path}/${shard.name}`;
    const corrupt = (): Promise<void> =>
      page.evaluate(
        async ([name, u]) => {
          const c = await caches.open(name);
          const good = new Uint8Array(await (await c.match(u))!.arrayBuffer());
          good.fill(7, 0, 64); // same length, wrong bytes: only the hash can tell
          await c.put(u, new Response(good));
        },
        [`digit-lens-model-${current.version}`, url],
      );
    await page.goto(server.url);
    await engine(page, (e) => e.version === current.version);
    await corrupt();
    await context.setOffline(true);
    await page.reload();
    const msg = await waitForTestId(page, 'model-error', (t) => !!t, 30_000);
    assert.equal(msg, 'Model files damaged — connect once to repair.');
    await context.setOffline(false); // the 'online' event triggers the repair
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
    const repaired = await page.evaluate(
      async ([name, u]) => {
        const body = await (await (await caches.open(name)).match(u))!.arrayBuffer();
        const d = new Uint8Array(await crypto.subtle.digest('SHA-256', body));
        return [...d].map((b) => b.toString(16).padStart(2, '0')).join('');
      },
      [`digit-lens-model-${current.version}`, url],
    );
    assert.equal(repaired, shard.sha256);
    assert.equal(repaired, sha256(join(ROOT, 'models/digits', current.path, shard.name)));

    // Online, a damaged shard is repaired without the user seeing an error.
    await corrupt();
    await page.reload();
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
    assert.equal(await testIdText(page, 'model-error'), null);
  });

  it('offers a new model version, switches without a reload, deletes the old version cache, and starts with it offline', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
    rmSync(served, { recursive: true, force: true });
    cpSync(next.dist, served, { recursive: true }); // the site now publishes the next build
    await page.reload();
    await waitForTestId(page, 'model-update', (t) => (t ?? '').includes(next.version), 30_000);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 7));
    await page.locator('[data-testid="model-switch"]').click();
    await engine(page, (e) => e.version === next.version);
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
    assert.equal(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 7, 'no reload');
    const deadline = Date.now() + 10_000;
    let names = await cacheNames(browser);
    while (names.includes(`digit-lens-model-${current.version}`) && Date.now() < deadline) {
      await page.waitForTimeout(200);
      names = await cacheNames(browser);
    }
    assert.ok(!names.includes(`digit-lens-model-${current.version}`), `old cache gone: ${names.join(', ')}`);
    assert.ok(names.includes(`digit-lens-model-${next.version}`));

    // Start-up runs the version switched to, not the one the running build shipped: online (no
    // download of the old one, no offer of the new one again) and offline.
    await page.reload();
    await waitForTestId(page, 'reading', (t) => t === NUMBER, 30_000);
    assert.equal((await engine(page)).version, next.version);
    assert.equal(await testIdText(page, 'model-update'), null, 'not offered again');
    await readsOffline(browser, next.version);
  });
});
