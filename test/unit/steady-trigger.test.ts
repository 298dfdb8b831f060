import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SteadyTrigger } from '../../src/app/steady-trigger.js';

describe('SteadyTrigger (auto-capture)', () => {
  it('fires once a reading has held for the hold time, and only once for that number', () => {
    const t = new SteadyTrigger(1500);
    assert.equal(t.push('4721', 0), null);
    assert.equal(t.push('4721', 1000), null);
    assert.equal(t.push('4721', 1500), '4721');
    assert.equal(t.push('4721', 5000), null, 'same number: no second capture');
    assert.equal(t.push('', 6000), null);
    assert.equal(t.push('4721', 9000), null, 'back at the same door after looking away');
  });

  it('restarts the hold when the reading changes and fires for the next number', () => {
    const t = new SteadyTrigger(1500);
    t.push('12', 0);
    assert.equal(t.push('12', 1400), null);
    assert.equal(t.push('128', 1450), null, 'changed just before the hold ended');
    assert.equal(t.push('128', 2900), null);
    assert.equal(t.push('128', 2950), '128');
    assert.equal(t.push('', 3000), null, 'nothing read: nothing to capture');
  });
});
