/** Glyphs to learn from: the user's (each in a few shifted copies) and the replayed shipped ones. */
import { GLYPH, cropGlyphs, normaliseGlyph, type GlyphBox, type Jitter } from './glyph-crop.js';
import type { ReplaySet, ReviewedCapture } from './protocol.js';

const AREA = GLYPH * GLYPH;

export interface GlyphSet {
  glyphs: Float32Array;
  labels: number[];
}

function iou(a: GlyphBox, b: GlyphBox): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return iw <= 0 || ih <= 0 ? 0 : (iw * ih) / (a.w * a.h + b.w * b.h - iw * ih);
}

/**
 * What to learn from one capture: the user's boxes, and the detector's boxes that match one of
 * them (with the user's digit), since those are cut exactly as the glyphs read live will be.
 */
export function labelledBoxes(c: Pick<ReviewedCapture, 'boxes' | 'predictions'>): Array<GlyphBox & { digit: number }> {
  const matched = c.predictions.flatMap((p) => {
    const best = c.boxes.reduce<{ box: (typeof c.boxes)[number] | null; iou: number }>(
      (m, b) => (iou(p, b) > m.iou ? { box: b, iou: iou(p, b) } : m),
      { box: null, iou: 0.4 },
    ).box;
    return best ? [{ x: p.x, y: p.y, w: p.w, h: p.h, digit: best.digit }] : [];
  });
  return [...c.boxes, ...matched];
}

/** The user's glyphs (labelledBoxes), `copies` crops each: the first as is, the rest moved and scaled a little. */
export async function userGlyphs(captures: ReviewedCapture[], copies: number, rnd: () => number): Promise<GlyphSet> {
  const parts: Float32Array[] = [];
  const labels: number[] = [];
  for (const c of captures) {
    const labelled = labelledBoxes(c);
    if (!labelled.length) continue;
    const image = await createImageBitmap(c.image);
    try {
      const boxes = labelled.flatMap((b) => Array<typeof b>(copies).fill(b));
      const jitters: Jitter[] = boxes.map((_, i) =>
        i % copies === 0
          ? { dx: 0, dy: 0, scale: 1 }
          : { dx: (rnd() - 0.5) * 0.12, dy: (rnd() - 0.5) * 0.12, scale: 0.9 + rnd() * 0.2 },
      );
      parts.push(cropGlyphs(image, boxes, jitters));
      labels.push(...boxes.map((b) => b.digit));
    } finally {
      image.close();
    }
  }
  return { glyphs: concat(parts), labels };
}

/** The replay atlas's tiles, normalised like every other glyph. */
export async function replayGlyphs(replay: ReplaySet): Promise<GlyphSet> {
  const image = await createImageBitmap(replay.atlas);
  const cols = Math.floor(image.width / GLYPH);
  const canvas = new OffscreenCanvas(image.width, image.height);
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  g.drawImage(image, 0, 0);
  image.close();
  const glyphs = new Float32Array(replay.labels.length * AREA);
  replay.labels.forEach((_, i) => {
    const data = g.getImageData((i % cols) * GLYPH, Math.floor(i / cols) * GLYPH, GLYPH, GLYPH).data;
    normaliseGlyph(data, glyphs, i * AREA);
  });
  return { glyphs, labels: [...replay.labels] };
}

export function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
