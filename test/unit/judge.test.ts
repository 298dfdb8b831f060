// The reader as judge of whole-number candidates (model v5+), where it says each character sits,
// and the glyph tags the overlay shows.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { NumberBox } from '../../src/detector/detector.js';
import type { DigitBox } from '../../src/detector/read.js';
import type { Rect } from '../../src/detector/whole-frame.js';
import { greedyDecode, type LineText } from '../../src/reader/ctc.js';
import { DEFAULT_JUDGE, isJudgeOptions, judge, stands } from '../../src/reader/judge.js';
import { candidateRegion, glyphBoxes, readCandidates } from '../../src/reader/read-candidates.js';
import { labelled } from '../../src/reader/read-numbers.js';

const line = (text: string, confidence = 0.95): LineText => ({
  text,
  confidences: [...text].map(() => confidence),
  centres: [...text].map((_, i) => (i + 0.5) / text.length),
});
const candidate = (x: number, y: number, w: number, h: number): NumberBox => ({ score: 0.6, x, y, w, h });

describe('reader as judge', () => {
  it('keeps a confident reading of three or more digits, with at most one letter', () => {
    assert.equal(judge(line('402')), true);
    assert.equal(judge(line('502B')), true);
    assert.equal(judge(line('AB12')), false, 'two letters: a word, not a house number');
    assert.equal(judge(line('HOTEL')), false, 'no digit at all');
    assert.equal(judge(line('')), false);
  });

  it('asks more of one or two digits than of a longer number', () => {
    const c = (DEFAULT_JUDGE.minConfidence + DEFAULT_JUDGE.minConfidenceShort) / 2; // between the two bars
    assert.equal(judge(line('4021', c)), true);
    assert.equal(judge(line('11', c)), false, 'a window bar read as "11" is not trusted at that confidence');
    assert.equal(judge(line('11', DEFAULT_JUDGE.minConfidenceShort)), true);
  });

  it('is only as confident as its weakest character', () => {
    const t = line('4021');
    t.confidences[2] = DEFAULT_JUDGE.minConfidence - 0.01;
    assert.equal(judge(t), false);
  });
});

describe('what stands after the judge', () => {
  const strict = { ...DEFAULT_JUDGE, minConfidenceGlyphShort: 0.8 };

  it("leaves the detector's own glyph readings alone unless the model version asks", () => {
    assert.equal(stands({ reading: '7', confidence: 0.3, source: 'whole' }), true, 'v4 keeps every glyph reading');
    assert.equal(stands({ reading: '7', confidence: 0.3, source: 'zoom' }, strict), false);
    assert.equal(stands({ reading: '7', confidence: 0.85, source: 'zoom' }, strict), true);
    assert.equal(stands({ reading: '402', confidence: 0.3, source: 'whole' }, strict), true, 'three digits are not short');
    assert.equal(stands({ reading: '7', source: 'whole' }, strict), true, 'no reader ran: the detector stands');
  });

  it('asks a number box for the reader’s confidence, more for a short reading', () => {
    assert.equal(stands({ reading: '402', confidence: 0.75, source: 'number box' }), true);
    assert.equal(stands({ reading: '40', confidence: 0.75, source: 'number box' }), false);
    assert.equal(stands({ reading: '402', source: 'number box' }), false, 'unread: nothing to trust');
  });

  it('accepts only thresholds between 0 and 1 from a model file', () => {
    assert.equal(isJudgeOptions(strict), true);
    assert.equal(isJudgeOptions({ ...DEFAULT_JUDGE, minConfidence: 1.5 }), false);
    assert.equal(isJudgeOptions({ ...DEFAULT_JUDGE, minConfidenceGlyphShort: '0.5' }), false);
    assert.equal(isJudgeOptions(null), false);
  });
});

describe('CTC character positions', () => {
  it('gives each character the middle of its run, as a fraction of the input width', () => {
    const charset = '0123456789';
    const classes = charset.length + 1;
    // 10 steps: "4" on steps 1-2, blank, "0" on 4, blank..., "2" on 8-9.
    const best = [0, 5, 5, 0, 1, 0, 0, 0, 3, 3];
    const p = new Float32Array(best.length * classes);
    best.forEach((c, t) => (p[t * classes + c] = 0.9));
    const out = greedyDecode(p, best.length, classes, charset);
    assert.equal(out.text, '402');
    assert.deepEqual(out.centres, [0.2, 0.45, 0.9]);
  });
});

describe('glyph boxes from a candidate reading', () => {
  it('places each character along the region, at most 0.7 heights wide, letters as class 10', () => {
    const region: Rect = { x: 100, y: 50, w: 200, h: 60 };
    const c = candidate(110, 55, 180, 50);
    // The reader saw the region squeezed to 100 of its 128 columns: fraction f of the input is
    // f * 128 / 100 of the region.
    const t: LineText = { text: '12B', confidences: [0.9, 0.8, 0.95], centres: [0.1, 0.3, 0.5] };
    const boxes = glyphBoxes(t, region, c, 100, 128);
    const mids = boxes.map((b) => b.x + b.w / 2);
    const want = [0.1, 0.3, 0.5].map((f) => 100 + ((f * 128) / 100) * 200);
    mids.forEach((m, i) => assert.ok(Math.abs(m - want[i]) < 1e-6, `centre ${m} vs ${want[i]}`));
    assert.deepEqual(
      boxes.map((b) => b.digit),
      [1, 2, 10],
    );
    assert.deepEqual(
      boxes.map((b) => b.score),
      [0.9, 0.8, 0.95],
    );
    for (const b of boxes) {
      assert.ok(b.w <= 0.7 * 50 + 1e-9, `box ${b.w} px wide for 50 px glyphs`);
      assert.equal(b.h, 50);
    }
    for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i - 1].x + boxes[i - 1].w <= boxes[i].x, 'boxes do not overlap');
  });

  it('reads a widened region around a number box, inside the frame', () => {
    const r = candidateRegion(candidate(5, 5, 90, 30), 100, 100);
    assert.deepEqual([r.x, r.y], [0, 0]);
    assert.ok(r.x + r.w <= 100 && r.y + r.h <= 100 && r.h > 30);
  });
});

describe('readCandidates', () => {
  it('keeps only what the reader reads confidently, and leaves vertical stacks to the glyph path', async () => {
    await tf.setBackend('cpu');
    const texts = [line('402'), line('11', 0.8), line('7', 0.85)];
    let crops = 0;
    const reader = {
      meta: { height: 32, width: 128 },
      read: async (rs: tf.Tensor3D[]) => rs.map((_, i) => texts[i]),
    } as unknown as Parameters<typeof readCandidates>[0];
    const crop = (r: Rect): tf.Tensor3D => {
      crops++;
      return tf.zeros([r.h, r.w, 3]);
    };
    const cands = [candidate(100, 100, 120, 40), candidate(400, 100, 60, 40), candidate(700, 100, 40, 40)];
    const tall = candidate(900, 100, 20, 90); // a stack: not read as one line
    const out = await readCandidates(reader, [...cands, tall], crop, 1000, 1000);
    assert.equal(crops, 3, 'the tall box is not cropped');
    assert.deepEqual(
      out.map((n) => [n.reading, n.text, n.boxes.length]),
      [['402', '402', 3]],
      '"11" at 0.8 and "7" at 0.85 are below the short-reading bar',
    );
    assert.equal(out[0].source, 'number box', 'eval counts it under its own source');
  });
});

describe('glyph tags', () => {
  const g = (digit: number, x: number): DigitBox => ({ digit, score: 0.9, x, y: 0, w: 10, h: 20 });
  it("tags each glyph with the reader's character where the counts match", () => {
    assert.deepEqual(
      labelled([g(5, 0), g(0, 12), g(2, 24), g(0, 36)], [...'502D']).map((b) => b.label ?? String(b.digit)),
      ['5', '0', '2', 'D'],
    );
  });

  it('leaves the tags alone where the reader read a glyph the detector has no box for', () => {
    const boxes = [g(2, 12), g(0, 24), g(7, 36)];
    assert.deepEqual(
      labelled(boxes, [...'1207']).map((b) => b.label),
      [undefined, undefined, undefined],
    );
  });
});
