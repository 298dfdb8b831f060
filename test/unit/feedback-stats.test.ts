import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { feedbackStats } from '../../src/history/feedback-stats.js';

const box = (digit: number) => ({ digit, score: 1, x: 0, y: 0, w: 10, h: 20 });

describe('feedbackStats', () => {
  it('keeps a row per model, personal models included, with how many were confirmed or corrected', () => {
    const capture = (id: string, modelVersion: string) => ({ id, modelVersion, predictions: [box(7)] });
    const review = (captureId: string, confirmed: boolean) => ({
      captureId,
      reading: confirmed ? '7' : '1',
      boxes: [box(confirmed ? 7 : 1)],
      confirmed,
      time: 1,
    });
    const stats = feedbackStats([
      { capture: capture('a', 'v3'), correction: review('a', false) },
      { capture: capture('b', 'v3'), correction: review('b', true) },
      { capture: capture('c', 'v3 + personal 1'), correction: review('c', true) },
      { capture: capture('d', 'v3 + personal 1'), correction: review('d', true) },
    ]);
    assert.deepEqual(stats.versions, [
      { version: 'v3', captures: 2, confirmed: 1, corrected: 1 },
      { version: 'v3 + personal 1', captures: 2, confirmed: 2, corrected: 0 },
    ]);
    assert.equal(stats.confusion[7][1], 1, 'v3 read a 1 as 7 once');
  });
});
