/**
 * Makes the learning replay set, models/replay/digits.png + digits.json: 40 glyphs of each digit
 * cut from ../shared/data/train-real-digits (real photos, CC BY 4.0) with the same square and
 * margin as the app's glyph crops (src/learning/glyph-crop.ts), 32×32 grey, in a 20-column grid.
 *
 *   npx tsx scripts/make-replay-atlas.ts [--data DIR]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { GLYPH, glyphSquare } from '../src/learning/glyph-crop.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { data: { type: 'string', default: resolve(ROOT, '../shared/data/train-real-digits') } },
});
const data = resolve(values.data!);
const PER_DIGIT = 40;
const COLS = 20;
/** Glyphs shorter than this (pixels) are too blurred to teach anything. */
const MIN_HEIGHT = 24;

interface Rec {
  file: string;
  digits: Array<{ digit: number; x: number; y: number; w: number; h: number }>;
}
const recs = JSON.parse(readFileSync(join(data, 'annotations.json'), 'utf8')) as Rec[];

// Every usable glyph per digit, then an even spread over the list (many photos, not the first few).
const byDigit: Array<Array<{ file: string; box: Rec['digits'][number] }>> = Array.from({ length: 10 }, () => []);
for (const r of [...recs].sort((a, b) => a.file.localeCompare(b.file)))
  for (const box of r.digits) if (box.h >= MIN_HEIGHT) byDigit[box.digit].push({ file: r.file, box });
const picked = byDigit.flatMap((all) =>
  Array.from({ length: Math.min(PER_DIGIT, all.length) }, (_, i) => all[Math.floor((i * all.length) / PER_DIGIT)]),
);

const images = new Map<string, { width: number; height: number; data: Uint8Array }>();
const decode = (file: string) => {
  if (!images.has(file)) images.set(file, jpeg.decode(readFileSync(join(data, file)), { useTArray: true }));
  return images.get(file)!;
};

const rows = Math.ceil(picked.length / COLS);
const png = new PNG({ width: COLS * GLYPH, height: rows * GLYPH, colorType: 0, inputColorType: 0, inputHasAlpha: false });
png.data = Buffer.alloc(png.width * png.height, 128);
const grey = (img: ReturnType<typeof decode>, x: number, y: number): number => {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return 128; // as the app: outside is mid-grey
  const i = 4 * (Math.floor(y) * img.width + Math.floor(x));
  return img.data[i] * 0.299 + img.data[i + 1] * 0.587 + img.data[i + 2] * 0.114;
};
picked.forEach(({ file, box }, n) => {
  const img = decode(file);
  const s = glyphSquare(box);
  const step = s.side / GLYPH;
  const sub = Math.max(1, Math.ceil(step)); // average sub × sub samples per pixel (area downscale)
  for (let y = 0; y < GLYPH; y++)
    for (let x = 0; x < GLYPH; x++) {
      let sum = 0;
      for (let j = 0; j < sub; j++)
        for (let i = 0; i < sub; i++) sum += grey(img, s.x + (x + (i + 0.5) / sub) * step, s.y + (y + (j + 0.5) / sub) * step);
      const px = ((Math.floor(n / COLS) * GLYPH + y) * png.width + (n % COLS) * GLYPH + x) * 1;
      png.data[px] = Math.round(sum / (sub * sub));
    }
});

const out = join(ROOT, 'models/replay');
mkdirSync(out, { recursive: true });
// pngjs writes grey (colorType 0) from one byte per pixel when inputColorType is 0.
writeFileSync(join(out, 'digits.png'), PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false }));
writeFileSync(
  join(out, 'digits.json'),
  JSON.stringify({ glyph: GLYPH, columns: COLS, labels: picked.map((p) => p.box.digit) }) + '\n',
);
console.log(`wrote ${picked.length} glyphs to ${out}`);
