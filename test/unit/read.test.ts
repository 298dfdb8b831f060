import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readNumber, type DigitBox } from '../../src/detector/read.js';

const box = (digit: number, x: number, y: number, score = 0.9, h = 40, w = 22): DigitBox => ({ digit, score, x, y, w, h });

describe('readNumber', () => {
  it('reads a horizontal line left to right whatever the detection order', () => {
    assert.equal(readNumber([box(2, 60, 10), box(4, 0, 12), box(7, 30, 11), box(1, 90, 10)]).reading, '4721');
  });

  it('reads a vertical stack top to bottom', () => {
    assert.equal(readNumber([box(8, 100, 110), box(1, 102, 10), box(0, 99, 60)]).reading, '108');
  });

  it('drops an isolated weak box but keeps a weak box next to confident ones', () => {
    const line = [box(5, 0, 10), box(0, 25, 10), box(2, 50, 10, 0.4)];
    assert.equal(readNumber(line).reading, '502');
    assert.equal(readNumber([...line, box(9, 400, 300, 0.4)]).reading, '502');
  });

  it('drops small clutter far shorter than the number', () => {
    assert.equal(readNumber([box(3, 0, 10), box(1, 25, 10), box(7, 60, 60, 0.95, 12, 6)]).reading, '31');
  });

  it('reads only the aimed number: digits of another sign or a line of clutter never join it', () => {
    const number = [box(4, 100, 100, 0.9, 60, 33), box(0, 140, 100, 0.9, 60, 33), box(7, 180, 100, 0.9, 60, 33)];
    const clutterBelow = [box(5, 90, 200, 0.8, 40, 22), box(6, 120, 200, 0.8, 40, 22), box(5, 150, 200, 0.8, 40, 22)];
    const otherSign = [box(1, 400, 90, 0.9, 55, 20), box(2, 430, 90, 0.9, 55, 30)];
    assert.equal(readNumber([...clutterBelow, ...number, ...otherSign]).reading, '407');
  });

  it('keeps a stack together and a stray digit beside it apart', () => {
    const stack = [box(1, 100, 10), box(0, 99, 60), box(8, 101, 110)];
    assert.equal(readNumber([...stack, box(3, 200, 60, 0.7)]).reading, '108');
  });

  it('returns nothing when no box is confident', () => {
    assert.equal(readNumber([box(3, 0, 10, 0.45), box(1, 25, 10, 0.42)]).reading, '');
    assert.equal(readNumber([]).reading, '');
  });
});
