import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { featureSize, generateAnchors } from '../../src/detector/anchors.js';
import { inputShape } from '../../src/detector/preprocess.js';

const levels = [
  { stride: 8, heights: [14, 22], aspects: [0.22, 0.5, 0.8] },
  { stride: 32, heights: [72], aspects: [0.5] },
];

describe('anchors', () => {
  it('follow the feature-map sizes of any input (ceil(size / stride))', () => {
    assert.equal(featureSize(160, 8), 20);
    assert.equal(featureSize(100, 32), 4);
    const a = generateAnchors(64, 96, levels);
    assert.equal(a.length / 4, 8 * 12 * 6 + 2 * 3 * 1);
  });

  it('are ordered (y, x, height, aspect) with centres at (i + 0.5) * stride', () => {
    const a = generateAnchors(16, 16, levels);
    assert.deepEqual([...a.subarray(0, 4)], [4, 4, Math.fround(14 * 0.22), 14]);
    assert.deepEqual([...a.subarray(4 * 3, 4 * 3 + 4)], [4, 4, Math.fround(22 * 0.22), 22]);
    // Next x position on the same row comes after the 6 shapes of the first.
    assert.deepEqual([...a.subarray(4 * 6, 4 * 6 + 2)], [12, 4]);
  });
});

describe('inputShape', () => {
  it('puts the longer side at size and rounds the shorter up to a multiple of 32', () => {
    assert.deepEqual(inputShape(720, 1280, 320), [192, 320]);
    assert.deepEqual(inputShape(1280, 720, 320), [320, 192]);
    assert.deepEqual(inputShape(480, 480, 224), [224, 224]);
    assert.deepEqual(inputShape(10, 1000, 224), [32, 224]);
  });
});
