import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReadingSmoother } from '../../src/app/reading-smoother.js';

describe('ReadingSmoother', () => {
  it('shows a reading only once it wins the vote, and ignores a one-frame flicker', () => {
    const s = new ReadingSmoother(5, 3);
    assert.equal(s.push('4721'), '');
    assert.equal(s.push('4721'), '');
    assert.equal(s.push('4721'), '4721');
    assert.equal(s.push('472'), '4721');
    assert.equal(s.push('4721'), '4721');
  });

  it('clears when nothing has been read for most of the window', () => {
    const s = new ReadingSmoother(5, 3);
    for (let i = 0; i < 5; i++) s.push('12');
    s.push('');
    s.push('');
    assert.equal(s.stable, '12');
    s.push('');
    assert.equal(s.stable, '');
  });
});
