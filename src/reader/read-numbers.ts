import type * as tf from '@tensorflow/tfjs-core';
import { around } from '../detector/box-geometry.js';
import { isStack } from '../detector/read.js';
import type { DigitBox } from '../detector/read.js';
import type { FoundNumber, Rect } from '../detector/whole-frame.js';
import { digitsOf } from './ctc.js';
import { weakest } from './judge.js';
import type { LineReader } from './line-reader.js';

/** How far a number's crop reaches past its glyphs, in glyph heights: a letter suffix or a thin
 * "1" the detector missed at either end is about 0.6 heights wide. */
export const REGION_MARGIN = { x: 0.6, y: 0.2 };
/** A stacked glyph's own crop: a little context all round, as the reader saw in training. */
const GLYPH_MARGIN = 0.15;

/** A rectangle in whole pixels, inside the frame. */
export const clipRegion = (r: Rect, width: number, height: number): Rect => {
  const x0 = Math.max(0, Math.floor(r.x));
  const y0 = Math.max(0, Math.floor(r.y));
  const x1 = Math.min(width, Math.ceil(r.x + r.w));
  const y1 = Math.min(height, Math.ceil(r.y + r.h));
  return { x: x0, y: y0, w: Math.max(1, x1 - x0), h: Math.max(1, y1 - y0) };
};

/** The rectangle the reader reads for a number: its glyphs' box, widened (whole pixels, in the frame). */
export function numberRegion(boxes: DigitBox[], width: number, height: number): Rect {
  const b = around(boxes);
  const gh = Math.max(...boxes.map((g) => g.h));
  const mx = REGION_MARGIN.x * gh;
  const my = REGION_MARGIN.y * gh;
  return clipRegion({ x: b.x - mx, y: b.y - my, w: b.w + 2 * mx, h: b.h + 2 * my }, width, height);
}

function glyphRegion(b: DigitBox, width: number, height: number): Rect {
  const m = GLYPH_MARGIN * b.h;
  return clipRegion({ x: b.x - m, y: b.y - m, w: b.w + 2 * m, h: b.h + 2 * m }, width, height);
}

/**
 * The glyphs tagged with what the reader read, where its text has one character per glyph (in
 * reading order): the overlay then shows the "D" of 502D, not the detector's nearest digit. Where
 * the counts differ, which glyph is which character is unknown, so the detector's tags stand.
 */
export const labelled = (boxes: DigitBox[], chars: string[]): DigitBox[] =>
  chars.length === boxes.length ? boxes.map((b, i) => ({ ...b, label: chars[i] })) : boxes;

export type Crop = (region: Rect) => tf.Tensor3D | Promise<tf.Tensor3D>;

export interface ReadNumbersOptions {
  /** Drop a number the reader finds no digit in (the detector saw texture, not a number). */
  dropUnread?: boolean;
}

/**
 * Stage 2: the line reader reads each number the detector found, from the full-resolution frame.
 * A number on one line is read as a whole crop (its text may carry letters: "502B"); a vertical
 * stack glyph by glyph, top to bottom (reading a tall crop rotated was measured to go wrong).
 * All crops of a frame go through the reader in one batch.
 */
export async function readNumbers(
  reader: Pick<LineReader, 'read'>,
  numbers: FoundNumber[],
  crop: Crop,
  width: number,
  height: number,
  options: ReadNumbersOptions = {},
): Promise<FoundNumber[]> {
  const regions: Rect[] = [];
  const plan = numbers.map((n) => {
    const stack = isStack(n.boxes);
    const rs = stack ? n.boxes.map((b) => glyphRegion(b, width, height)) : [numberRegion(n.boxes, width, height)];
    const first = regions.length;
    regions.push(...rs);
    return { stack, first, count: rs.length };
  });
  const tensors: tf.Tensor3D[] = [];
  try {
    for (const r of regions) tensors.push(await crop(r));
    const texts = await reader.read(tensors);
    const out: FoundNumber[] = [];
    numbers.forEach((n, i) => {
      const p = plan[i];
      if (p.stack) {
        // One glyph each: keep the reader's character where it read exactly one, else the detector's digit.
        const chars = n.boxes.map((b, j) => {
          const t = texts[p.first + j].text;
          return t.length === 1 ? t : String(b.digit);
        });
        const text = chars.join('');
        const confidence = Math.min(...n.boxes.map((_, j) => weakest(texts[p.first + j])));
        out.push({ ...n, boxes: labelled(n.boxes, chars), text, reading: digitsOf(text) || n.reading, confidence });
        return;
      }
      const { text } = texts[p.first];
      const digits = digitsOf(text);
      const confidence = weakest(texts[p.first]);
      if (digits)
        out.push({ ...n, boxes: labelled(n.boxes, [...text]), text, reading: digits, region: regions[p.first], confidence });
      else if (!options.dropUnread) out.push(n);
    });
    return out;
  } finally {
    for (const t of tensors) t.dispose();
  }
}
