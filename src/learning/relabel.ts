import { readGroup, readNumber, type DigitBox } from '../detector/read.js';

export interface GlyphGuess {
  digit: number;
  p: number;
}

/** The boxes with the personal model's digit wherever it is at least `threshold` sure. */
export function relabel<B extends DigitBox>(boxes: B[], guesses: GlyphGuess[], threshold: number): B[] {
  return boxes.map((b, i) => (guesses[i] && guesses[i].p >= threshold ? { ...b, digit: guesses[i].digit, label: undefined } : b));
}

/** The number a group of boxes reads, in reading order. */
export const readingOf = (boxes: DigitBox[]): string =>
  readGroup(boxes)
    .map((b) => String(b.digit))
    .join('');

/** The boxes of the number the detector would read from a capture's stored predictions. */
export function readBoxes(predictions: DigitBox[]): DigitBox[] {
  return predictions.length ? readNumber(predictions).used : [];
}
