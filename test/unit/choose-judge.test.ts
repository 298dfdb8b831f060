// scripts/choose-judge.ts: the thresholds it picks from synthetic frames' readings.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { choose, score } from '../../scripts/choose-judge.js';

const frames = [
  // Two signs: one read from glyphs, one only from a number box the reader was fairly sure of.
  { want: ['402'], got: [{ reading: '402', source: 'whole' as const, confidence: 0.5 }] },
  { want: ['17'], got: [{ reading: '17', source: 'number box' as const, confidence: 0.8 }] },
  // Empty frames: a vent read as "1" (glyphs, unsure) and a window read as "11" (number box, unsure).
  { want: [], got: [{ reading: '1', source: 'zoom' as const, confidence: 0.4 }] },
  { want: [], got: [{ reading: '11', source: 'number box' as const, confidence: 0.6 }] },
  { want: [], got: [] },
];

describe('choosing the judge on synthetic frames', () => {
  it('finds the most numbers while the empty frames stay within the budget', () => {
    const { judge, result } = choose(frames, 0);
    assert.deepEqual([result.hits, result.falseFrames], [2, 0]);
    assert.ok(judge.minConfidenceShort > 0.6 && judge.minConfidenceShort <= 0.8, `short ${judge.minConfidenceShort}`);
    assert.ok((judge.minConfidenceGlyphShort ?? 0) > 0.4, 'the unsure lone glyph is dropped');
  });

  it('among equal hits takes the fewest false frames, then strict number boxes and a loose glyph bar', () => {
    const loose = choose(frames, 1);
    assert.equal(loose.result.hits, 2);
    assert.equal(loose.result.falseFrames, 0, 'no false frame where none is needed for the hits');
    // "17" read at 0.8 from a number box: the strictest short bar that keeps it.
    assert.equal(loose.judge.minConfidenceShort, 0.8);
    assert.equal(loose.judge.minConfidenceGlyphShort, 0.45, 'the loosest glyph bar that drops the vent');
    const strict = choose(frames, 0, 0.05);
    assert.deepEqual(strict.judge, loose.judge, 'the same point whatever the budget above what it needs');
    const open = { minConfidence: 0, minConfidenceShort: 0, maxOther: 1, minConfidenceGlyphShort: 0 };
    assert.deepEqual(score(frames, open), { hits: 2, total: 2, falseFrames: 2, empty: 3 });
  });
});
