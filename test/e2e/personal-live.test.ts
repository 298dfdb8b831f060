/**
 * The live camera path reads with the personal model in use: a personal model stored in the
 * user's IndexedDB (here one that is sure every glyph is an 8) relabels the digits the detector
 * finds in camera frames, inside the detection worker, and switching it off restores the shipped
 * reading; one that fails its checks is switched off and the shipped model reads. Learning itself
 * is tested in test/browser/learning.test.ts, the checks one by one in test/browser/personal-check.test.ts.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { buildGlyphModel, saveGlyphModel } from '../../src/learning/glyph-model.js';
import { PERSONAL_CHANNEL, PERSONAL_DB, PERSONAL_DROPPED } from '../../src/learning/personal-store.js';
import {
  launch,
  modelVersion,
  poll,
  recordNotices,
  recordedNotice,
  serve,
  testIdText,
  waitForTestId,
  type Browser,
  type Served,
} from './harness.js';

type StoredWeights = { topology: object; specs: unknown[]; data: number[]; sha256: string };

/** A model's weights as plain data for IndexedDB, with the hash PersonalStore.add stores. */
async function plain(model: tfl.LayersModel): Promise<StoredWeights> {
  const w = await saveGlyphModel(model);
  const sha256 = createHash('sha256').update(new Uint8Array(w.data)).digest('hex');
  return { topology: w.topology, specs: w.specs, data: [...new Uint8Array(w.data)], sha256 };
}

/** A personal model whose last layer always answers 8 (p ≈ 1). */
async function alwaysEight(): Promise<StoredWeights> {
  await tf.setBackend('cpu');
  const model = buildGlyphModel();
  const last = model.layers[model.layers.length - 1];
  const [kernel, bias] = last.getWeights();
  last.setWeights([tf.zerosLike(kernel), tf.reshape(tf.mul(tf.cast(tf.oneHot([8], 10), 'float32'), 30), bias.shape)]);
  return plain(model);
}

/** One that loads but expects another input (a flat vector, not a glyph crop): every frame would fail with it. */
async function wrongInput(): Promise<StoredWeights> {
  await tf.setBackend('cpu');
  return plain(tfl.sequential({ layers: [tfl.layers.dense({ units: 10, inputShape: [32 * 32], activation: 'softmax' })] }));
}

/**
 * Stores `weights` as personal model 1 for the running shipped model, in use or not (as Settings
 * does), with no held-back captures, and tells the detection worker.
 */
const usePersonal = (page: Page, shipped: string, weights: StoredWeights, on: boolean) =>
  page.evaluate(
    async ({ db, channel, shipped, weights, on }) => {
      const open = indexedDB.open(db, 1);
      open.onupgradeneeded = () => {
        open.result.createObjectStore('models', { keyPath: 'id' });
        open.result.createObjectStore('state');
      };
      const d: IDBDatabase = await new Promise((res, rej) => {
        open.onsuccess = () => res(open.result);
        open.onerror = () => rej(open.error);
      });
      const tx = d.transaction(['models', 'state'], 'readwrite');
      const { sha256, ...w } = weights;
      const record = {
        id: 1,
        baseVersion: shipped,
        created: Date.now(),
        threshold: 0.5,
        heldOut: 0,
        shippedCorrect: 0,
        personalCorrect: 0,
        weights: { ...w, data: new Uint8Array(w.data).buffer },
        sha256,
        trial: { cases: [], glyphs: new ArrayBuffer(0) },
      };
      tx.objectStore('models').put(record);
      if (on) tx.objectStore('state').put(1, 'active');
      else tx.objectStore('state').delete('active');
      await new Promise((res) => (tx.oncomplete = res));
      d.close();
      new BroadcastChannel(channel).postMessage('changed'); // as Settings does
    },
    { db: PERSONAL_DB, channel: PERSONAL_CHANNEL, shipped, weights, on },
  );

describe('personal model on the live camera path (production build)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  /** A browser reading the fake camera's "4721" with the shipped model, and that model's version. */
  async function reading(): Promise<{ b: Browser; page: Page; shipped: string }> {
    const b = await launch({ camera: 'camera-4721.y4m' });
    await b.page.goto(server.url);
    await waitForTestId(b.page, 'reading', (t) => t === '4721', 60_000);
    const shipped = await poll(
      () => modelVersion(b.page),
      (v) => !!v,
      'the model ready',
    );
    return { b, page: b.page, shipped: shipped! };
  }

  it('relabels the live reading while in use, and the shipped reading comes back when switched off', async () => {
    const weights = await alwaysEight();
    const { b, page, shipped } = await reading();
    try {
      const use = (on: boolean) => usePersonal(page, shipped, weights, on);
      await use(true);
      await waitForTestId(page, 'reading', (t) => t === '8888', 30_000);
      await use(false);
      await waitForTestId(page, 'reading', (t) => t === '4721', 30_000);
    } finally {
      await b.close();
    }
  });

  it('a stored personal model that fails its checks is switched off: the shipped model reads, and the app says so', async () => {
    const { b, page, shipped } = await reading();
    try {
      await usePersonal(page, shipped, await wrongInput(), true);
      await page.reload();
      await recordNotices(page, true);
      // A hang guard, not a speed test: the model comes from its cache, the personal one is set aside.
      await waitForTestId(page, 'reading', (t) => t === '4721', 30_000);
      assert.equal(await modelVersion(page), shipped, 'read with the shipped model');
      await recordedNotice(page, (t) => t.startsWith(PERSONAL_DROPPED), 'the notice that it was switched off');
      await page.locator('[data-testid="settings-toggle"]').click();
      const said = await waitForTestId(page, 'personal-dropped', (t) => !!t, 10_000);
      assert.ok(said!.includes(PERSONAL_DROPPED), said!);
      assert.equal(await testIdText(page, 'personal-in-use'), null, 'Settings does not say "in use"');
    } finally {
      await b.close();
    }
  });
});
