import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { urlOptions } from '../../src/app/url-options.js';
import { PerfStats } from '../../src/app/perf-stats.js';
import { fitTransform } from '../../src/overlay/fit.js';

describe('fitTransform', () => {
  it('maps a 640x480 frame onto a tall view under object-fit cover and contain', () => {
    const cover = fitTransform(640, 480, 390, 700, 'cover');
    assert.ok(Math.abs(cover.scale - 700 / 480) < 1e-9);
    assert.ok(cover.offsetX < 0 && cover.offsetY === 0);
    const contain = fitTransform(640, 480, 390, 700, 'contain');
    assert.ok(Math.abs(contain.scale - 390 / 640) < 1e-9);
    assert.ok(contain.offsetX === 0 && contain.offsetY > 0);
  });
});

describe('urlOptions', () => {
  it('reads the support switches and ignores junk', () => {
    assert.deepEqual(urlOptions('?backend=wasm&maxTexture=512&failWebgl=1&size=300&hud=1&debug=1'), {
      forceBackend: 'wasm',
      maxTexture: 512,
      simulateWebglFailure: 'warmup',
      inputSize: 288,
      hud: true,
      debug: true,
    });
    assert.equal(urlOptions('?failWebgl=run').simulateWebglFailure, 'run');
    const junk = urlOptions('?backend=metal&maxTexture=-3');
    assert.equal(junk.forceBackend, undefined);
    assert.equal(junk.maxTexture, undefined);
    assert.equal(junk.debug, false);
  });
});

describe('PerfStats', () => {
  it('reports the median inference time and detections per second', () => {
    const p = new PerfStats(30);
    [10, 30, 20].forEach((ms, i) => p.add(ms, ms + 5, i * 100));
    assert.equal(p.medianInferenceMs, 20);
    assert.equal(p.medianEndToEndMs, 25);
    assert.equal(p.fps, 10);
  });
});
