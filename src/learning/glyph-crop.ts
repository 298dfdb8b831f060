/**
 * One glyph crop for the personal reader: a digit box cut from an image with a margin, made
 * square, scaled to 32×32 grey, dark ink on a light ground, standardised. The same code cuts the
 * training glyphs (from stored captures) and the glyphs read live (from frames), so what the
 * personal model learns is exactly what it later sees.
 */
export const GLYPH = 32;
const AREA = GLYPH * GLYPH;
/** Context kept around the box on each side, as a fraction of its longer side. */
export const MARGIN = 0.15;

export interface GlyphBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Small random changes of position and size, in fractions of the square's side (training only). */
export interface Jitter {
  dx: number;
  dy: number;
  scale: number;
}

/** The square cut around a box: its centre, its longer side plus the margin. */
export function glyphSquare(b: GlyphBox, j: Jitter = { dx: 0, dy: 0, scale: 1 }): { x: number; y: number; side: number } {
  const side = Math.max(b.w, b.h) * (1 + 2 * MARGIN) * j.scale;
  const cx = b.x + b.w / 2 + j.dx * side;
  const cy = b.y + b.h / 2 + j.dy * side;
  return { x: cx - side / 2, y: cy - side / 2, side };
}

let canvas: OffscreenCanvas | null = null;

function context(): OffscreenCanvasRenderingContext2D {
  canvas ??= new OffscreenCanvas(GLYPH, GLYPH);
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) throw new Error('no 2D canvas');
  return g;
}

/**
 * Grey values of a 32×32 RGBA crop, turned so the ink is dark (the border, mostly ground, is
 * made the lighter side) and standardised to mean 0, spread 1. Writes into `out` at `offset`.
 */
export function normaliseGlyph(rgba: Uint8ClampedArray, out: Float32Array, offset = 0): void {
  let sum = 0;
  let border = 0;
  let borderN = 0;
  for (let i = 0; i < AREA; i++) {
    const v = (rgba[4 * i] * 0.299 + rgba[4 * i + 1] * 0.587 + rgba[4 * i + 2] * 0.114) / 255;
    out[offset + i] = v;
    sum += v;
    const x = i % GLYPH;
    const y = (i - x) / GLYPH;
    if (x < 3 || y < 3 || x >= GLYPH - 3 || y >= GLYPH - 3) {
      border += v;
      borderN++;
    }
  }
  const mean = sum / AREA;
  const flip = border / borderN < mean ? -1 : 1;
  let sq = 0;
  for (let i = 0; i < AREA; i++) sq += (out[offset + i] - mean) ** 2;
  const scale = flip / Math.max(Math.sqrt(sq / AREA), 0.02);
  for (let i = 0; i < AREA; i++) out[offset + i] = (out[offset + i] - mean) * scale;
}

/** Cuts each box of `image` into `out` (GLYPH×GLYPH floats each), optionally jittered. */
export function cropGlyphs(
  image: ImageBitmap | OffscreenCanvas,
  boxes: GlyphBox[],
  jitters: Array<Jitter | undefined> = [],
  out = new Float32Array(boxes.length * AREA),
): Float32Array {
  const g = context();
  g.imageSmoothingQuality = 'high';
  boxes.forEach((b, i) => {
    const s = glyphSquare(b, jitters[i]);
    // Outside the image stays mid-grey rather than black, so an edge digit is not framed by ink.
    g.fillStyle = 'rgb(128,128,128)';
    g.fillRect(0, 0, GLYPH, GLYPH);
    g.drawImage(image, s.x, s.y, s.side, s.side, 0, 0, GLYPH, GLYPH);
    normaliseGlyph(g.getImageData(0, 0, GLYPH, GLYPH).data, out, i * AREA);
  });
  return out;
}
