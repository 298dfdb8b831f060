/**
 * "Move closer" whenever glyph-like boxes are seen but no number is read (issue 19, item 4): a sign
 * 110 px wide seen but not read got "No number found — aim at the number". The whole-frame reader
 * runs here on a detector that answers with fixed boxes, so the rule is checked apart from what
 * any model version happens to see.
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { ReactiveControllerHost } from 'lit';
import type { DigitBox } from '../../src/detector/read.js';
import type { DigitDetector } from '../../src/detector/detector.js';
import { readWholeFrame } from '../../src/detector/whole-frame.js';
import { ReadingController } from '../../src/app/reading-controller.js';
import type { FrameResult } from '../../src/inference/shared/protocol.js';
import { assertEqual } from '../helpers/assert.js';

/** A detector that finds `pass1` on the whole frame and `zoomed` (frame pixels of the crop) when zooming. */
function fakeDetector(pass1: DigitBox[], zoomed: DigitBox[] = []): DigitDetector {
  return {
    meta: { inputSize: 160 },
    detect: (_image: tf.Tensor3D, o: { keepLetters?: boolean } = {}) =>
      Promise.resolve({ boxes: o.keepLetters ? pass1 : zoomed, numberBoxes: [], reading: '', ms: 1 }),
  } as unknown as DigitDetector;
}

/** A row of boxes `h` px tall in a 1280×720 frame, from x = 500. */
const row = (digits: number[], h: number, score: number): DigitBox[] =>
  digits.map((digit, i) => ({ digit, score, x: 500 + i * h * 0.7, y: 200, w: h * 0.6, h }));

async function read(pass1: DigitBox[], zoomed: DigitBox[] = []) {
  const frame = tf.zeros([720, 1280, 3], 'int32') as tf.Tensor3D;
  try {
    return await readWholeFrame(fakeDetector(pass1, zoomed), frame, {
      crop: (r) => tf.zeros([r.h, r.w, 3], 'int32') as tf.Tensor3D,
    });
  } finally {
    frame.dispose();
  }
}

describe('Move closer', () => {
  before(async () => {
    await tf.setBackend('cpu');
  });

  it('a sign seen but not read says Move closer, whatever the size of its glyphs', async () => {
    // "205" about 110 px tall in a 1280 px frame (14 px at the model's input): weak in the whole
    // frame, nothing found on zooming. Before, only glyphs under 11 px counted as "too small".
    const r = await read(row([2, 0, 5], 110, 0.2));
    assertEqual(r.numbers.length, 0, 'nothing read');
    assertEqual(r.tooSmall, true, 'Move closer');
    const host: ReactiveControllerHost = {
      addController: () => undefined,
      removeController: () => undefined,
      requestUpdate: () => undefined,
      updateComplete: Promise.resolve(true),
    };
    const readings = new ReadingController(host);
    const result: FrameResult = { ...r, boxes: [], reading: '', width: 1280, height: 720, backend: 'cpu', version: 'v0' };
    readings.push(result);
    assertEqual(readings.guidance, 'move-closer', 'the guidance shown');
  });

  it('letters only (glyphs classed as letters) say Move closer too', async () => {
    const r = await read(row([10, 10, 10], 60, 0.1));
    assertEqual(r.tooSmall, true);
  });

  it('a second sign left unzoomed this frame still counts as seen', async () => {
    const r = await read([...row([3, 1], 100, 0.15), ...row([7, 7], 100, 0.1).map((b) => ({ ...b, y: 500 }))]);
    assertEqual(r.numbers.length, 0);
    assertEqual(r.tooSmall, true);
  });

  it('a bare wall (no glyph at all) does not, and neither does a number read', async () => {
    assertEqual((await read([])).tooSmall, false, 'bare wall');
    const readable = await read(row([4, 7, 2, 1], 200, 0.9));
    assertEqual(readable.numbers[0]?.reading, '4721', 'read from the whole frame');
    assertEqual(readable.tooSmall, false, 'read: nothing to move closer for');
  });
});
