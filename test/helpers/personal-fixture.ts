/** Stored personal models made by hand, as PersonalStore.add would store them. */
import type { PersonalTrial } from '../../src/learning/protocol.js';

const GLYPH_AREA = 32 * 32;

/**
 * Held-back crops that any model reads `right` of `heldOut` right at threshold 1.01 (never
 * relabel): one box each, a "1", and a truth of "1" for the right ones, "2" for the others.
 */
export function trialFor(heldOut: number, right: number): PersonalTrial {
  return {
    cases: Array.from({ length: heldOut }, (_, i) => ({
      truth: i < right ? '1' : '2',
      boxes: [{ digit: 1, score: 0.9, x: 0, y: 0, w: 10, h: 20 }],
    })),
    glyphs: new Float32Array(heldOut * GLYPH_AREA).buffer,
  };
}
