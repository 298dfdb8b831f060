import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zoomRegion } from '../../src/detector/whole-frame.js';

describe('zoomRegion', () => {
  it('centres a region twice the glyph group around it, three quarters as deep across it', () => {
    // A tall group (a stack, or one digit): 120 px along it, max(90, 80) across.
    assert.deepEqual(zoomRegion({ x: 500, y: 300, w: 40, h: 60 }, 1280, 720), { x: 475, y: 270, w: 90, h: 120 });
    // A wide number: 2 x 120 along, 180 across (shallower than a square, so pass 2 costs less).
    assert.deepEqual(zoomRegion({ x: 500, y: 300, w: 120, h: 40 }, 1280, 720), { x: 440, y: 230, w: 240, h: 180 });
  });

  it('never leaves the frame, shifting the square inwards at an edge', () => {
    const r = zoomRegion({ x: 1260, y: 5, w: 18, h: 30 }, 1280, 720);
    assert.ok(r.x >= 0 && r.y >= 0 && r.x + r.w <= 1280 && r.y + r.h <= 720, JSON.stringify(r));
    assert.equal(r.h, 96); // at least 96 px: a glyph box alone is too tight to read a sign from
  });

  it('is at most the frame', () => {
    assert.deepEqual(zoomRegion({ x: 0, y: 0, w: 600, h: 400 }, 640, 480), { x: 0, y: 0, w: 640, h: 480 });
  });
});
