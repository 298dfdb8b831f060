/**
 * A stored personal model is checked before it reads anything (its hash, the shapes it takes
 * and gives, a trial on its own held-back crops against its figures); one that fails, or fails
 * on a frame, is switched off: the shipped reading stands, Settings says so and offers to delete it.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { openDB } from 'idb';
import type { FoundNumber } from '../../src/detector/whole-frame.js';
import { buildGlyphModel, saveGlyphModel, type GlyphWeights } from '../../src/learning/glyph-model.js';
import '../../src/learning/personal-model-panel.js';
import { PersonalReader } from '../../src/learning/personal-reader.js';
import { PERSONAL_DROPPED, PersonalStore, type PersonalModel } from '../../src/learning/personal-store.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';
import { deleteDb } from '../helpers/learning-fixture.js';
import { trialFor } from '../helpers/personal-fixture.js';

const FIGURES = { threshold: 1.01, heldOut: 10, shippedCorrect: 4, personalCorrect: 8, trainGlyphs: 90, replayGlyphs: 0 };

async function weightsOf(model: tfl.LayersModel): Promise<GlyphWeights> {
  try {
    return await saveGlyphModel(model);
  } finally {
    model.dispose();
  }
}

/** Stores a personal model as learning does, then lets `tamper` change the stored record. */
async function stored(db: string, weights: GlyphWeights, tamper: (m: PersonalModel) => void = () => undefined): Promise<number> {
  await deleteDb(db);
  const p = await PersonalStore.open(db);
  const m = await p.add(
    { ...FIGURES, weights, trial: trialFor(10, 8), ms: 1, backend: 'cpu', peakTensorBytes: 0, heapBytes: 0 },
    'v3',
  );
  p.close();
  const raw = await openDB(db, 1);
  const record = (await raw.get('models', m.id)) as PersonalModel;
  tamper(record);
  await raw.put('models', record);
  raw.close();
  return m.id;
}

/** Starts a reader on `db` and returns it with the reasons it gave for switching a model off. */
async function reader(db: string): Promise<{ reader: PersonalReader; dropped: string[] }> {
  const dropped: string[] = [];
  const r = new PersonalReader(db, (name, reason) => dropped.push(`${name}: ${reason}`));
  await r.start('v3');
  return { reader: r, dropped };
}

describe('personal model checks', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('uses a model that passes every check', async () => {
    const db = 'digit-lens-personal-check-good';
    await stored(db, await weightsOf(buildGlyphModel()));
    const { reader: r, dropped } = await reader(db);
    assertEqual(r.version('v3'), 'v3 + personal 1');
    assertEqual(dropped.length, 0);
  });

  const wrongInput = () =>
    tfl.sequential({ layers: [tfl.layers.dense({ units: 10, inputShape: [32 * 32], activation: 'softmax' })] });
  const wrongOutput = () =>
    tfl.sequential({ layers: [tfl.layers.flatten({ inputShape: [32, 32, 1] }), tfl.layers.dense({ units: 4 })] });
  const cases: Array<[string, () => tfl.LayersModel, (m: PersonalModel) => void, RegExp]> = [
    ['expects another input shape', wrongInput, () => undefined, /not glyph crops/],
    ['answers another output shape', wrongOutput, () => undefined, /not ten digits/],
    ['weights changed after storing', buildGlyphModel, (m) => new Uint8Array(m.weights.data).fill(3, 0, 64), /hash/],
    ['figures it does not reach', buildGlyphModel, (m) => (m.personalCorrect = 9), /read 8 .*not the 9/],
    [
      'stored without a hash or held-back crops',
      buildGlyphModel,
      (m) => delete (m as Partial<PersonalModel>).sha256,
      /without its hash/,
    ],
  ];
  for (const [what, make, tamper, reason] of cases) {
    it(`switches off a model that ${what}, and Settings says so and offers to delete it`, async () => {
      const db = `digit-lens-personal-check-${what.replace(/\W+/g, '-')}`;
      const id = await stored(db, await weightsOf(make()), tamper);
      const { reader: r, dropped } = await reader(db);
      assertEqual(r.version('v3'), 'v3', 'the shipped model reads alone');
      assertEqual(dropped.length, 1, 'said once');
      assert(reason.test(dropped[0]), dropped[0]);
      const p = await PersonalStore.open(db);
      assertEqual(await p.active(), null, 'no longer in use');
      assertEqual(await p.dropped(), id, 'marked as switched off');

      const panel = document.createElement('personal-model-panel');
      Object.assign(panel, { shippedVersion: 'v3', config: { personalDb: db } });
      document.body.append(panel);
      const $ = (t: string) => panel.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${t}"]`);
      const said = await waitFor(() => $('personal-dropped'), 'the message in Settings');
      assert(said.textContent!.includes(PERSONAL_DROPPED), said.textContent!);
      assertEqual($('personal-in-use'), null, 'never "in use"');
      $('personal-dropped-delete')!.click();
      await waitFor(async () => (await p.list()).length === 0, 'deleted');
      await waitFor(() => $('personal-dropped') === null, 'the message gone');
      assertEqual(await p.dropped(), null);
      p.close();
      panel.remove();
    });
  }

  it('a frame the personal model fails on reads with the shipped model, and the model is switched off', async () => {
    const db = 'digit-lens-personal-check-frame';
    const id = await stored(db, await weightsOf(buildGlyphModel()));
    const { reader: r, dropped } = await reader(db);
    assertEqual(r.version('v3'), 'v3 + personal 1');
    const frame = await createImageBitmap(new ImageData(64, 48));
    frame.close(); // cropping from it now throws, as any error in the personal stage would
    const box = { digit: 4, score: 0.9, x: 4, y: 4, w: 10, h: 20 };
    const numbers = [{ boxes: [box], reading: '4', text: '4' } as unknown as FoundNumber];
    assertEqual(r.apply(frame, numbers), numbers, "the shipped reading, this frame's");
    assertEqual(r.version('v3'), 'v3', 'and from now on');
    const p = await PersonalStore.open(db);
    await waitFor(async () => (await p.dropped()) === id, 'marked as switched off');
    assertEqual(dropped.length, 1);
    p.close();
  });
});
