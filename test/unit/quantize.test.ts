import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { quantizeWeights, toFloat16 } from '../../scripts/quantize.js';

describe('weight quantization', () => {
  it('encodes float16 bit patterns exactly for representable values', () => {
    assert.equal(toFloat16(1), 0x3c00);
    assert.equal(toFloat16(-2), 0xc000);
    assert.equal(toFloat16(0.5), 0x3800);
    assert.equal(toFloat16(65504), 0x7bff);
    assert.equal(toFloat16(1e9), 0x7c00);
    assert.equal(toFloat16(0), 0);
  });

  it('round-trips through tfjs decodeWeights within the precision of each format', () => {
    const values = Float32Array.from({ length: 257 }, (_, i) => Math.sin(i) * 3);
    const specs: tf.io.WeightsManifestEntry[] = [{ name: 'w', shape: [257], dtype: 'float32' }];
    for (const [mode, tol] of [
      ['float16', 3 * 2 ** -10],
      ['uint8', 6 / 255],
    ] as const) {
      const q = quantizeWeights(specs, values.buffer, mode);
      const decoded = tf.io.decodeWeights(q.data, q.specs).w;
      const got = decoded.dataSync();
      let worst = 0;
      for (let i = 0; i < values.length; i++) worst = Math.max(worst, Math.abs(got[i] - values[i]));
      assert.ok(worst <= tol, `${mode}: max error ${worst} > ${tol}`);
      decoded.dispose();
    }
  });
});
