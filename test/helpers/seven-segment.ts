/**
 * Seven-segment numbers, as on meters and counters: a digit style the shipped detector (trained on
 * printed house-number fonts) boxes but often misreads. Drawn with OffscreenCanvas, from a seed,
 * so every run makes the same scenes.
 */

/** Segments lit per digit: a (top), b (top right), c (bottom right), d (bottom), e, f, g (middle). */
const SEGMENTS = ['abcdef', 'bc', 'abdeg', 'abcdg', 'bcfg', 'acdfg', 'acdefg', 'abc', 'abcdefg', 'abcdfg'];

/** A small deterministic random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Scene {
  canvas: OffscreenCanvas;
  number: string;
  /** Each digit's box, in canvas pixels, left to right. */
  boxes: Array<{ digit: number; x: number; y: number; w: number; h: number }>;
}

function segment(g: OffscreenCanvasRenderingContext2D, s: string, w: number, h: number, t: number): void {
  const half = h / 2;
  // Horizontal segments (a, g, d) and vertical ones (f, b top; e, c bottom), with a gap at the joints.
  const gap = t * 0.35;
  const rects: Record<string, [number, number, number, number]> = {
    a: [t / 2 + gap, 0, w - t - 2 * gap, t],
    g: [t / 2 + gap, half - t / 2, w - t - 2 * gap, t],
    d: [t / 2 + gap, h - t, w - t - 2 * gap, t],
    f: [0, t / 2 + gap, t, half - t - 2 * gap],
    b: [w - t, t / 2 + gap, t, half - t - 2 * gap],
    e: [0, half + gap, t, half - t - 2 * gap],
    c: [w - t, half + gap, t, half - t - 2 * gap],
  };
  const [x, y, rw, rh] = rects[s];
  g.fillRect(x, y, rw, rh);
}

/** A meter-like scene: an LCD window with a 3 or 4 digit number, slanted seven-segment digits. */
export function sevenSegmentScene(seed: number, width = 480, height = 360): Scene {
  const rnd = seeded(seed);
  const len = 3 + Math.floor(rnd() * 2);
  const number = Array.from({ length: len }, () => String(Math.floor(rnd() * 10))).join('');
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d')!;
  const wall = 90 + Math.floor(rnd() * 60);
  g.fillStyle = `rgb(${wall},${wall},${wall + 8})`;
  g.fillRect(0, 0, width, height);
  const h = 80 + rnd() * 40;
  const w = h * 0.5;
  const t = h * 0.13;
  const pitch = w * 1.45;
  const total = pitch * (len - 1) + w;
  const x0 = (width - total) / 2 + (rnd() - 0.5) * 40;
  const y0 = (height - h) / 2 + (rnd() - 0.5) * 40;
  // The LCD window.
  const lcd = 185 + Math.floor(rnd() * 40);
  g.fillStyle = `rgb(${lcd - 15},${lcd},${lcd - 25})`;
  g.fillRect(x0 - w * 0.6, y0 - h * 0.3, total + w * 1.2, h * 1.6);
  const ink = 20 + Math.floor(rnd() * 30);
  g.fillStyle = `rgb(${ink},${ink},${ink})`;
  const slant = 0.12;
  const boxes: Scene['boxes'] = [];
  [...number].forEach((ch, i) => {
    const x = x0 + i * pitch;
    g.save();
    g.setTransform(1, 0, -slant, 1, x + slant * (y0 + h), y0);
    for (const s of SEGMENTS[Number(ch)]) segment(g, s, w, h, t);
    g.restore();
    boxes.push({ digit: Number(ch), x: x - 1, y: y0 - 1, w: w + slant * h + 2, h: h + 2 });
  });
  return { canvas, number, boxes };
}
