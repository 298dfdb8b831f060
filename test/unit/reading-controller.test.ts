import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NOTHING_FOUND_MS, ReadingController } from '../../src/app/reading-controller.js';
import type { FoundNumber } from '../../src/detector/whole-frame.js';
import type { FrameResult } from '../../src/inference/shared/protocol.js';

const num = (reading: string, x: number, y = 100, w = 90, h = 50): FoundNumber => ({
  reading,
  score: 0.9,
  boxes: [],
  box: { x, y, w, h },
});

const frame = (numbers: FoundNumber[], tooSmall = false): FrameResult => ({
  numbers,
  tooSmall,
  passes: 1,
  boxes: [],
  reading: numbers[0]?.reading ?? '',
  ms: 10,
  backend: 'wasm',
  version: 'v3',
  width: 640,
  height: 480,
});

function controller() {
  let t = 1000;
  let updates = 0;
  const c = new ReadingController({ addController: () => undefined, requestUpdate: () => updates++ } as never, () => t);
  return { c, advance: (ms: number) => (t += ms), updates: () => updates };
}

describe('ReadingController', () => {
  it('shows a new reading faded until it holds steady, then plainly', () => {
    const { c } = controller();
    c.push(frame([num('407', 100)]));
    assert.equal(c.reading, '');
    assert.equal(c.tentative, '407');
    c.push(frame([num('407', 100)]));
    c.push(frame([num('407', 100)]));
    assert.equal(c.reading, '407');
    assert.equal(c.tentative, '');
  });

  it('with two numbers in view, a tap locks onto one and follows it as it moves', () => {
    const { c } = controller();
    const view = (dx: number) => frame([num('12', 40 + dx), num('85', 380 + dx)]);
    c.push(view(0));
    c.tapAt(420, 120); // on "85"
    assert.equal(c.reading, '85');
    assert.ok(c.locked);
    for (let i = 0; i < 5; i++) c.push(view(i * 15)); // the phone pans; "12" stays the more prominent
    assert.equal(c.reading, '85');
    c.tapAt(5, 5); // nowhere: unlock
    assert.ok(!c.locked);
    for (let i = 0; i < 5; i++) c.push(view(0));
    assert.equal(c.reading, '12');
  });

  it('says "move closer" for glyphs too small to read, and "no number" after a few silent seconds', () => {
    const { c, advance } = controller();
    c.push(frame([], true));
    assert.equal(c.guidance, 'move-closer');
    c.push(frame([]));
    assert.equal(c.guidance, '');
    advance(NOTHING_FOUND_MS);
    c.push(frame([]));
    assert.equal(c.guidance, 'aim');
    c.push(frame([num('7', 10)]));
    assert.equal(c.guidance, '');
  });

  it('reads a photo at once and says when it holds no number', () => {
    const { c, updates } = controller();
    c.still(frame([num('304', 10), num('12', 300)]));
    assert.equal(c.reading, '304');
    c.still(frame([]));
    assert.equal(c.reading, '');
    assert.equal(c.guidance, 'none-in-photo');
    assert.ok(updates() >= 2);
  });
});
