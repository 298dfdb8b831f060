/**
 * Checks a stored personal model before it reads anything: its weights match the hash stored
 * with them, it takes the glyph crops the detector's boxes give (GLYPH×GLYPH grey) and answers
 * one of ten digits, and on its own held-back crops it reads exactly as many right as the figures
 * it was kept for. A model that fails is never used.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { sha256Hex } from '../offline/model-cache.js';
import { GLYPH } from './glyph-crop.js';
import { classifyGlyphs, loadGlyphModel } from './glyph-model.js';
import type { PersonalModel } from './personal-store.js';
import { readingOf, relabel } from './relabel.js';

export class PersonalModelError extends Error {
  override name = 'PersonalModelError';
}

const sameShape = (got: unknown, want: Array<number | null>): boolean => JSON.stringify(got) === JSON.stringify(want);

/** Loads the model once every check passes; throws PersonalModelError saying which did not. */
export async function checkedPersonalModel(m: PersonalModel): Promise<LayersModel> {
  const { weights, sha256, trial } = m;
  if (!weights?.data || !sha256 || !trial?.glyphs || !Array.isArray(trial.cases))
    throw new PersonalModelError('stored without its hash or its held-back crops');
  if ((await sha256Hex(weights.data)) !== sha256) throw new PersonalModelError('its weights do not match their hash');
  const model = await loadGlyphModel(weights).catch((e: unknown) => {
    throw new PersonalModelError(`its weights do not load (${e instanceof Error ? e.message : String(e)})`);
  });
  try {
    if (model.inputs.length !== 1 || !sameShape(model.inputs[0].shape, [null, GLYPH, GLYPH, 1]))
      throw new PersonalModelError(`it takes ${JSON.stringify(model.inputs.map((i) => i.shape))}, not glyph crops`);
    if (model.outputs.length !== 1 || !sameShape(model.outputs[0].shape, [null, 10]))
      throw new PersonalModelError(`it answers ${JSON.stringify(model.outputs.map((o) => o.shape))}, not ten digits`);
    const glyphs = new Float32Array(trial.glyphs);
    const boxes = trial.cases.reduce((n, c) => n + c.boxes.length, 0);
    if (glyphs.length !== boxes * GLYPH * GLYPH) throw new PersonalModelError('its held-back crops do not match their boxes');
    // One blank crop when there is no held-back one: the model must at least run.
    const guesses = classifyGlyphs(model, glyphs.length ? glyphs : new Float32Array(GLYPH * GLYPH));
    let at = 0;
    const right = trial.cases.filter((c) => {
      const mine = guesses.slice(at, (at += c.boxes.length));
      return readingOf(relabel(c.boxes, mine, m.threshold)) === c.truth;
    }).length;
    if (right !== m.personalCorrect)
      throw new PersonalModelError(`it read ${right} held-back captures right, not the ${m.personalCorrect} it was kept for`);
    return model;
  } catch (e) {
    model.dispose();
    throw e;
  }
}
