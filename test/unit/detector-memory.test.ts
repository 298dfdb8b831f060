// DigitDetector owns its tensors: warm-up happens in load(), and a detect that fails inside the
// model (a lost WebGL context, a kernel error) leaves no tensor behind.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import { fileModel } from '../../src/cli/file-model.js';
import { defaultModelDirFor } from '../../src/cli/model-dir.js';
import { useNodeBackend } from '../../src/cli/node-backend.js';
import { DigitDetector } from '../../src/detector/detector.js';

const dir = defaultModelDirFor(resolve(import.meta.dirname, '../..'));

describe('DigitDetector tensors', () => {
  let detector: DigitDetector;
  before(async () => {
    await useNodeBackend('cpu');
    detector = await DigitDetector.load(fileModel(dir));
  });
  after(() => detector.dispose());

  it('warms up inside load()', () => {
    assert.ok(detector.warmupMs > 0, `warm-up took ${detector.warmupMs} ms`);
  });

  it('frees its input when the model throws', async () => {
    const size = detector.meta.inputSize;
    const image = tf.zeros([Math.round((size * 3) / 4), size, 3], 'int32') as tf.Tensor3D;
    const before = tf.memory().numTensors;
    const predict = detector.model.predict.bind(detector.model);
    detector.model.predict = () => {
      throw new Error('simulated context loss');
    };
    try {
      await assert.rejects(detector.detect(image, { size }), /simulated context loss/);
    } finally {
      detector.model.predict = predict;
    }
    assert.equal(tf.memory().numTensors, before, 'no tensor leaked by the failed detect');
    // And it still works afterwards, again without leaking.
    await detector.detect(image, { size });
    assert.equal(tf.memory().numTensors, before);
    image.dispose();
  });
});
