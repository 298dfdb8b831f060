/**
 * The live camera path reads with the personal model in use: a personal model stored in the
 * user's IndexedDB (here one that is sure every glyph is an 8) relabels the digits the detector
 * finds in camera frames, inside the detection worker, and switching it off restores the shipped
 * reading. Learning itself is tested in test/browser/learning.test.ts.
 */
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { buildGlyphModel, saveGlyphModel } from '../../src/learning/glyph-model.js';
import { PERSONAL_CHANNEL, PERSONAL_DB } from '../../src/learning/personal-store.js';
import { launch, modelVersion, poll, serve, waitForTestId, type Served } from './harness.js';

/** A personal model whose last layer always answers 8 (p ≈ 1), as plain data for IndexedDB. */
async function alwaysEight(): Promise<{ topology: object; specs: unknown[]; data: number[] }> {
  await tf.setBackend('cpu');
  const model = buildGlyphModel();
  const last = model.layers[model.layers.length - 1];
  const [kernel, bias] = last.getWeights();
  last.setWeights([tf.zerosLike(kernel), tf.reshape(tf.mul(tf.cast(tf.oneHot([8], 10), 'float32'), 30), bias.shape)]);
  const w = await saveGlyphModel(model);
  return { topology: w.topology, specs: w.specs, data: [...new Uint8Array(w.data)] };
}

describe('personal model on the live camera path (production build)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  it('relabels the live reading while in use, and the shipped reading comes back when switched off', async () => {
    const weights = await alwaysEight();
    const b = await launch({ camera: 'camera-4721.y4m' });
    try {
      const { page } = b;
      await page.goto(server.url);
      await waitForTestId(page, 'reading', (t) => t === '4721', 60_000);
      const shipped = await poll(
        () => modelVersion(page),
        (v) => !!v,
        'the model ready',
      );
      const use = (on: boolean) =>
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
            const record = {
              id: 1,
              baseVersion: shipped,
              created: Date.now(),
              threshold: 0.5,
              weights: { ...weights, data: new Uint8Array(weights.data).buffer },
            };
            tx.objectStore('models').put(record);
            if (on) tx.objectStore('state').put(1, 'active');
            else tx.objectStore('state').delete('active');
            await new Promise((res) => (tx.oncomplete = res));
            d.close();
            new BroadcastChannel(channel).postMessage('changed'); // as Settings does
          },
          { db: PERSONAL_DB, channel: PERSONAL_CHANNEL, shipped: shipped!, weights, on },
        );
      await use(true);
      await waitForTestId(page, 'reading', (t) => t === '8888', 30_000);
      await use(false);
      await waitForTestId(page, 'reading', (t) => t === '4721', 30_000);
    } finally {
      await b.close();
    }
  });
});
