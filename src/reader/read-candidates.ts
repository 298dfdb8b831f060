import type { NumberBox } from '../detector/detector.js';
import type { DigitBox } from '../detector/read.js';
import type { FoundNumber, Rect } from '../detector/whole-frame.js';
import { digitsOf, type LineText } from './ctc.js';
import { judge, weakest, type JudgeOptions } from './judge.js';
import type { LineReader } from './line-reader.js';
import { targetWidth } from './preprocess.js';
import { REGION_MARGIN, clipRegion, type Crop } from './read-numbers.js';

/** The rectangle read for a `number` box: widened as a glyph group's region is (read-numbers.ts). */
export function candidateRegion(c: NumberBox, width: number, height: number): Rect {
  const gh = Math.min(c.h, c.w * 2); // a single line's glyph height
  const mx = REGION_MARGIN.x * gh;
  const my = REGION_MARGIN.y * gh;
  return clipRegion({ x: c.x - mx, y: c.y - my, w: c.w + 2 * mx, h: c.h + 2 * my }, width, height);
}

/**
 * Where each character sits, from the reader's CTC columns: the reader saw the region squeezed to
 * `tw` of its `inputWidth` columns, so a character centred at fraction f of the input is at
 * f * inputWidth / tw of the region. Its box spans the region's height and the space to its
 * neighbours (at most 0.7 heights wide). Letters get class 10, as the detector's letter boxes.
 */
export function glyphBoxes(t: LineText, region: Rect, c: NumberBox, tw: number, inputWidth: number): DigitBox[] {
  const xs = t.centres.map((f) => region.x + ((f * inputWidth) / tw) * region.w);
  const h = Math.min(c.h, region.h);
  return [...t.text].map((ch, i) => {
    const gaps = [xs[i] - (xs[i - 1] ?? -Infinity), (xs[i + 1] ?? Infinity) - xs[i]];
    const w = Math.min(0.7 * h, ...gaps.map((g) => g * 0.9));
    return { digit: /[0-9]/.test(ch) ? Number(ch) : 10, score: t.confidences[i], x: xs[i] - w / 2, y: c.y, w, h };
  });
}

/**
 * Stage 2 for whole-number boxes the glyph search did not read (a sign too small for its glyphs
 * to be boxed): the reader reads each from the full-resolution frame in one batch, and only what it
 * reads confidently (`judge`) becomes a number. Vertical stacks are left to the glyph path, which
 * reads them glyph by glyph.
 */
export async function readCandidates(
  reader: Pick<LineReader, 'read' | 'meta'>,
  candidates: NumberBox[],
  crop: Crop,
  width: number,
  height: number,
  options?: JudgeOptions,
): Promise<FoundNumber[]> {
  const lines = candidates.filter((c) => c.w >= c.h * 0.8);
  const regions = lines.map((c) => candidateRegion(c, width, height));
  const tensors = [];
  try {
    for (const r of regions) tensors.push(await crop(r));
    const texts = await reader.read(tensors);
    const out: FoundNumber[] = [];
    texts.forEach((t, i) => {
      if (!judge(t, options)) return;
      const r = regions[i];
      const { height: ih, width: iw } = reader.meta;
      const boxes = glyphBoxes(t, r, lines[i], targetWidth(r.w, r.h, ih, iw), iw);
      const score = t.confidences.reduce((s, v) => s + v, 0) / t.confidences.length;
      out.push({
        reading: digitsOf(t.text),
        text: t.text,
        score,
        boxes,
        box: lines[i],
        region: r,
        source: 'number box',
        confidence: weakest(t),
      });
    });
    return out;
  } finally {
    for (const t of tensors) t.dispose();
  }
}
