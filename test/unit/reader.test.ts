// The line reader (stage 2): CTC decoding, the crop it reads, its preprocessing and weights against
// PyTorch, and how its text becomes a number's reading.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { fileModel } from '../../src/cli/file-model.js';
import { defaultModelDirFor } from '../../src/cli/model-dir.js';
import type { DigitBox } from '../../src/detector/read.js';
import type { FoundNumber, Rect } from '../../src/detector/whole-frame.js';
import { greedyDecode } from '../../src/reader/ctc.js';
import { LineReader } from '../../src/reader/line-reader.js';
import { readerInput, targetWidth } from '../../src/reader/preprocess.js';
import { numberRegion, readNumbers } from '../../src/reader/read-numbers.js';
import { readerParity } from '../../scripts/export-reader.js';
import { readF32 } from '../../scripts/parity.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = defaultModelDirFor(ROOT);
const ref = join(dir, 'reader-reference');
const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-';

/** Softmax-like rows: one class per step. */
function steps(classes: number[], n = CHARSET.length + 1): Float32Array {
  const p = new Float32Array(classes.length * n);
  classes.forEach((c, t) => (p[t * n + c] = 0.9));
  return p;
}
const cls = (ch: string): number => CHARSET.indexOf(ch) + 1;

const glyph = (digit: number, x: number, y: number, w = 20, h = 40): DigitBox => ({ digit, score: 0.9, x, y, w, h });
const found = (boxes: DigitBox[], reading: string): FoundNumber => ({
  reading,
  score: 0.9,
  boxes,
  box: { x: 0, y: 0, w: 1, h: 1 },
});

describe('line reader', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('decodes CTC steps: runs merge, a blank separates repeats, letters are kept', () => {
    const p = steps([cls('5'), cls('5'), 0, cls('0'), 0, cls('0'), cls('2'), cls('B'), 0]);
    const out = greedyDecode(p, 9, CHARSET.length + 1, CHARSET);
    assert.equal(out.text, '5002B');
    assert.equal(out.confidences.length, 5);
    assert.equal(greedyDecode(steps([0, 0, 0]), 3, CHARSET.length + 1, CHARSET).text, '');
  });

  it('widens a number by a glyph at either end, within the frame', () => {
    const boxes = [glyph(2, 100, 50), glyph(0, 122, 50)];
    const r = numberRegion(boxes, 1000, 1000);
    assert.ok(r.x <= 100 - 0.6 * 40 && r.x + r.w >= 142 + 0.6 * 40, `region ${JSON.stringify(r)} reaches a glyph further`);
    assert.ok(r.y < 50 && r.y + r.h > 90);
    const edge = numberRegion([glyph(1, 2, 2)], 30, 50);
    assert.deepEqual([edge.x, edge.y], [0, 0]);
    assert.ok(edge.x + edge.w <= 30 && edge.y + edge.h <= 50);
  });

  it('preprocesses crops exactly as the Python pipeline does (upscaled and avg-pooled)', () => {
    const index = JSON.parse(readFileSync(join(ref, 'index.json'), 'utf8')) as { regions: Record<string, number[]> };
    for (const [name, shape] of Object.entries(index.regions)) {
      const raw = readFileSync(join(ref, `region-${name}.bin`));
      const region = tf.tensor3d(Int32Array.from(raw), shape as [number, number, number], 'int32');
      const x = readerInput(region, 32, 128);
      const want = readF32(join(ref, `region-${name}.input.bin`));
      const got = x.dataSync();
      let worst = 0;
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
      assert.ok(worst < 1e-4, `${name}: max preprocessing difference ${worst}`);
      assert.equal(targetWidth(shape[1], shape[0], 32, 128) <= 128, true);
      tf.dispose([region, x]);
    }
  });

  it('matches PyTorch within float16 quantization', async () => {
    const reader = await LineReader.load(fileModel(dir, 'reader.json'), { warmup: false });
    const err = await readerParity(reader.model, ref);
    assert.ok(err < 0.1, `max abs logit error ${err}`);
    reader.dispose();
  });

  it("takes the reader's text: digits become the reading, letters stay in the text", async () => {
    const cuts: Rect[] = [];
    const crop = (r: Rect): tf.Tensor3D => {
      cuts.push(r);
      return tf.zeros([r.h, r.w, 3]);
    };
    const texts = ['502B', '', '7', '7'];
    const reader = { read: async (rs: tf.Tensor3D[]) => rs.map((_, i) => ({ text: texts[i], confidences: [], centres: [] })) };
    const line = found([glyph(5, 100, 100), glyph(0, 122, 100), glyph(2, 144, 100)], '502');
    const texture = found([glyph(8, 400, 100)], '8');
    const stack = found([glyph(1, 600, 100), glyph(7, 600, 150)], '17'); // one above the other
    const out = await readNumbers(reader, [line, texture, stack], crop, 1000, 1000);
    assert.equal(cuts.length, 4, 'one crop per line number, one per stacked glyph');
    assert.deepEqual(
      out.map((n) => [n.reading, n.text]),
      [
        ['502', '502B'],
        ['8', undefined], // the reader saw no digit: the detector's reading stands
        ['77', '77'], // a stack: glyph by glyph, the reader's '7' replaced the detector's 1
      ],
    );
    const dropped = await readNumbers(reader, [line, texture], crop, 1000, 1000, { dropUnread: true });
    assert.deepEqual(
      dropped.map((n) => n.reading),
      ['502'],
    );
  });
});
