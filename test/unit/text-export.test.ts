// The line reader's text (letters too) travels from a capture into the exported dataset, so the
// training pipeline can teach the reader letters; only while the digits are still the number's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromAnnotation, toAnnotation } from '../../src/history/dataset-zip.js';
import { ANNOTATION, CAPTURE, type CaptureRecord } from '../../src/history/schema.js';

const capture = (reading: string, text?: string): CaptureRecord => ({
  id: 'c1',
  time: 1_700_000_000_000,
  image: new Blob(['x'], { type: 'image/jpeg' }),
  thumbnail: new Blob(['x'], { type: 'image/jpeg' }),
  width: 100,
  height: 80,
  predictions: [{ digit: 5, score: 0.9, x: 1, y: 2, w: 10, h: 20 }],
  reading,
  ...(text ? { text } : {}),
  modelVersion: 'v4',
  backend: 'wasm',
  timings: { inferenceMs: 20, frameToResultMs: 30 },
  source: 'camera',
});
const fix = (reading: string) => ({ captureId: 'c1', reading, boxes: [], confirmed: false, time: 1_700_000_000_001 });

describe('reader text in captures and exports', () => {
  it('a capture may carry the text, checked like every field', () => {
    assert.equal(CAPTURE(capture('502', '502B'), ''), null);
    assert.equal(CAPTURE(capture('502'), ''), null, 'older captures have none');
    assert.match(CAPTURE({ ...capture('502'), text: '502<b>' }, '') ?? '', /text must be digits, capital letters/);
  });

  it('exports the text with the number while the digits agree, and drops it when they were corrected', () => {
    const kept = toAnnotation({ capture: capture('502', '502B'), correction: null });
    assert.equal(kept.text, '502B');
    assert.equal(ANNOTATION(kept, ''), null);
    assert.equal(toAnnotation({ capture: capture('502', '502B'), correction: fix('502') }).text, '502B');
    assert.equal(toAnnotation({ capture: capture('502', '502B'), correction: fix('503') }).text, undefined);
  });

  it('an import keeps the text on its capture', () => {
    const r = toAnnotation({ capture: capture('502', '502B'), correction: null });
    const e = fromAnnotation(r, new Blob(['x']), new Blob(['x']));
    assert.equal(e.capture.text, '502B');
  });
});
