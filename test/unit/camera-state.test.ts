import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cameraConstraints, messageFor, stateForError } from '../../src/camera/camera-state.js';
import { fitWithin } from '../../src/camera/frame-source.js';

const err = (name: string): Error => Object.assign(new Error(name), { name });

describe('camera state', () => {
  it('maps getUserMedia errors to what the user can do about them', () => {
    assert.equal(stateForError(err('NotAllowedError')), 'denied');
    assert.equal(stateForError(err('SecurityError')), 'denied');
    assert.equal(stateForError(err('NotFoundError')), 'no-camera');
    assert.equal(stateForError(err('OverconstrainedError')), 'no-camera');
    assert.equal(stateForError(err('NotReadableError')), 'busy');
  });

  it('offers a way forward in every failure state', () => {
    for (const s of ['denied', 'no-camera', 'busy', 'ended', 'insecure'] as const) {
      assert.ok(messageFor(s)?.action, `${s} has an action`);
    }
    assert.equal(messageFor('live'), null);
  });

  it('asks for the rear camera with ideal constraints only', () => {
    const c = cameraConstraints().video as MediaTrackConstraints;
    assert.deepEqual(c.facingMode, { ideal: 'environment' });
    assert.deepEqual(c.width, { ideal: 1280 });
    assert.ok(!JSON.stringify(c).includes('exact'));
  });
});

describe('fitWithin', () => {
  it('scales the longer side down to the limit and never up', () => {
    assert.deepEqual(fitWithin(20000, 10000, 2048), { width: 2048, height: 1024 });
    assert.deepEqual(fitWithin(640, 480, 2048), { width: 640, height: 480 });
  });
});
