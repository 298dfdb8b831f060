import { centreX } from '../detector/box-geometry.js';
import { shownText, type FoundNumber, type Rect } from '../detector/whole-frame.js';

/** Where the wanted number is, from the middle of its box across the frame, in thirds. */
export type Side = 'left' | 'ahead' | 'right';

/** The longest number Find takes: house numbers, flats, meter and bin numbers. */
export const MAX_WANTED = 10;

/** Said when what was typed is not a number to look for: the text typed stays to be fixed. */
export const NOT_A_NUMBER = 'Type the number to find, like 402 or 12B';

/**
 * What was typed into Find, written as the reader writes numbers (upper case, no spaces or
 * dashes), or null when it is not a number to look for (no digit, or other characters).
 */
export function wantedNumber(input: string): string | null {
  const t = input.replace(/[\s-]/g, '').toUpperCase();
  return t.length <= MAX_WANTED && /^[0-9A-Z]+$/.test(t) && /\d/.test(t) ? t : null;
}

/**
 * Whether a number in view is the wanted one: all of what it reads, never a part ("402" is not
 * "4021"). The line reader's full text counts where it read one, so a wanted "402B" needs its
 * letter and a wanted "402" is not the "402B" door; without it, the detector's digits.
 */
export function isWanted(n: FoundNumber, wanted: string): boolean {
  return shownText(n).toUpperCase() === wanted;
}

/** Left, ahead or right: which third of the frame the number's middle is in. */
export function sideOf(box: Rect, frameWidth: number): Side {
  const x = centreX(box) / frameWidth;
  return x < 1 / 3 ? 'left' : x > 2 / 3 ? 'right' : 'ahead';
}
