/**
 * Every model file is checked against latest.json before it is used, cached or offered: a
 * manifest that leaves a file out (or names one elsewhere, or lists none), a model.json that asks
 * for weights on another origin, a damaged update — each is refused with a plain message, and
 * nothing unverified stays in a model cache (production build, files tampered on the server).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { writeManifest } from '../../scripts/export-model.js';
import type { ModelManifest } from '../../src/detector/model-format.js';
import { MODEL_MESSAGES } from '../../src/app/model-messages.js';
import { launch, poll, serve, testIdText, waitForTestId, type Browser, type Served } from './harness.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NUMBER = '4721';
const shipped = JSON.parse(readFileSync(join(ROOT, 'dist/models/digits/latest.json'), 'utf8')) as ModelManifest;
const shard = shipped.files.find((f) => f.name.startsWith('group1-'))!.name;

const cacheNames = (page: Page): Promise<string[]> => page.evaluate(() => caches.keys());

/** What a model cache holds, by path. */
const cached = (page: Page, version: string): Promise<string[]> =>
  page.evaluate(
    async (name) =>
      (await caches.has(name)) ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) : [],
    `digit-lens-model-${version}`,
  );

/** The technical detail Settings keeps in its engine details (the main screen says it plainly). */
async function settingsDetail(page: Page, want: (t: string) => boolean): Promise<string> {
  await page.locator('[data-testid="settings-toggle"]').click();
  try {
    return (await waitForTestId(page, 'model-detail', (t) => want(t ?? ''), 30_000))!;
  } finally {
    await page.keyboard.press('Escape');
  }
}

describe('model integrity (production build)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-integrity-'));
  const served = join(tmp, 'served');
  const digits = join(served, 'models/digits');
  const latest = join(digits, 'latest.json');
  let server: Served;
  before(async () => {
    cpSync(join(ROOT, 'dist'), served, { recursive: true });
    server = await serve(served);
  });
  after(async () => {
    await server?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  /** Publishes a copy of the shipped model as `version`, changed by `edit` before it is hashed. */
  function publish(version: string, edit: (dir: string) => void = () => undefined): ModelManifest {
    const dir = join(digits, version);
    cpSync(join(digits, shipped.path), dir, { recursive: true });
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    json.userDefinedMetadata.detector.version = version;
    writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
    edit(dir);
    return writeManifest(digits, version, shipped.inputSize);
  }

  it('a first visit refuses a latest.json that leaves a model file out, names one elsewhere, lists none, or is not JSON', async () => {
    const good = readFileSync(latest, 'utf8');
    const without = (f: (files: ModelManifest['files']) => ModelManifest['files']) =>
      JSON.stringify({ ...shipped, files: f(shipped.files) });
    const cases: Array<[string, string, RegExp]> = [
      [
        'shard entry renamed',
        without((fs) => fs.map((f) => (f.name === shard ? { ...f, name: '../../../index.html' } : f))),
        /lists a file badly/,
      ],
      ['shard entry removed', without((fs) => fs.filter((f) => f.name !== shard)), new RegExp(`${shard}.*not listed`)],
      ['no files', without(() => []), /does not list model\.json/],
      ['not JSON', good.slice(0, 40), /not JSON/],
    ];
    try {
      for (const [what, text, detail] of cases) {
        writeFileSync(latest, text);
        const b: Browser = await launch();
        try {
          await b.page.goto(server.url);
          const msg = await waitForTestId(b.page, 'model-error', (t) => !!t, 30_000);
          assert.equal(msg, MODEL_MESSAGES.refused, what);
          assert.ok(!(await testIdText(b.page, 'reading')), `${what}: nothing read`);
          assert.match(await settingsDetail(b.page, (t) => detail.test(t)), detail, what);
          // Nothing that was not checked was kept for offline use.
          assert.ok(!(await cached(b.page, shipped.version)).some((p) => p.endsWith('.bin')), `${what}: no shard cached`);
        } finally {
          await b.close();
        }
      }
    } finally {
      writeFileSync(latest, good);
    }
  });

  it('does not offer an update that is damaged, asks for weights elsewhere or lists no files, and keeps none of it', async () => {
    const good = readFileSync(latest, 'utf8');
    const b = await launch();
    try {
      const { page } = b;
      await page.goto(server.url);
      await waitForTestId(page, 'reading', (t) => t === NUMBER, 60_000);
      await page.evaluate(async () => navigator.serviceWorker.ready);
      const updates: Array<[string, RegExp, () => void]> = [
        [
          'v90',
          /update v90 refused: .*SHA-256 mismatch/,
          () => {
            publish('v90');
            const bin = join(digits, 'v90', shard);
            const bytes = readFileSync(bin);
            bytes.fill(7, 0, 64); // same size, wrong bytes: only the hash can tell
            writeFileSync(bin, bytes);
          },
        ],
        [
          'v91',
          /update v91 refused: model\.json asks for files latest\.json does not list: http:\/\/127\.0\.0\.1:9\//,
          () =>
            publish('v91', (dir) => {
              const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
              json.weightsManifest[0].paths = [`http://127.0.0.1:9/${shard}`];
              writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
            }),
        ],
        [
          'v92',
          /update refused: latest\.json does not list model\.json/,
          () => writeFileSync(latest, JSON.stringify({ ...publish('v92'), files: [] })),
        ],
      ];
      for (const [version, detail, make] of updates) {
        make();
        // Twice: a damaged file left in a cache by the first check must not be offered by the second.
        for (const visit of [1, 2]) {
          await page.reload();
          await waitForTestId(page, 'reading', (t) => t === NUMBER, 60_000);
          await settingsDetail(page, (t) => detail.test(t));
          assert.equal(await testIdText(page, 'model-update'), null, `${version} (visit ${visit}) not offered`);
          const names = await poll(
            () => cacheNames(page),
            (n) => !n.includes(`digit-lens-model-${version}`),
            `${version}'s cache deleted`,
          );
          assert.ok(names.includes(`digit-lens-model-${shipped.version}`), 'the running version is kept');
        }
      }
    } finally {
      writeFileSync(latest, good);
      await b.close();
    }
  });
});
