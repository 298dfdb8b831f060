import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dropNested } from '../../src/detector/nested.js';

const b = (id: string, score: number, x: number, y: number, w: number, h: number) => ({ id, score, x, y, w, h });

describe('dropNested', () => {
  it('drops a weaker box lying inside a stronger one although their IoU is low', () => {
    const whole = b('whole 0', 0.9, 0, 0, 20, 40);
    const half = b('half as 4', 0.6, 2, 20, 16, 18); // IoU 0.36, under the NMS threshold
    assert.deepEqual(
      dropNested([half, whole], 0.5).map((x) => x.id),
      ['whole 0'],
    );
  });

  it('keeps the stronger box when the weaker one is the larger', () => {
    const inner = b('inner', 0.95, 5, 5, 10, 10);
    const outer = b('outer', 0.5, 0, 0, 30, 30);
    assert.deepEqual(
      dropNested([outer, inner], 0.5).map((x) => x.id),
      ['inner'],
    );
  });

  it('keeps neighbouring digits, even tightly kerned thin ones', () => {
    const line = [b('1', 0.8, 0, 0, 8, 40), b('0', 0.9, 6, 0, 22, 40), b('4', 0.85, 30, 0, 22, 40)];
    assert.equal(dropNested(line, 0.5).length, 3);
  });
});
