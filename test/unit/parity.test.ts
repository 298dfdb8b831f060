// The shipped model against PyTorch: same outputs (within float16 quantization) on fixed inputs,
// and the same preprocessing on a fixture image.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { before, describe, it } from 'node:test';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { fileModel } from '../../src/cli/file-model.js';
import { defaultModelDirFor } from '../../src/cli/model-dir.js';
import { preprocess } from '../../src/detector/preprocess.js';
import { parityErrors, readF32 } from '../../scripts/parity.js';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = defaultModelDirFor(ROOT);
const ref = join(dir, 'reference');

describe(`parity of the shipped model (${dir})`, () => {
  let model: LayersModel;
  before(async () => {
    await tf.setBackend('cpu');
    model = await loadLayersModel(fileModel(dir));
  });

  it('matches PyTorch outputs within float16 quantization tolerance', async () => {
    const errors = await parityErrors(model, ref);
    assert.ok(Object.keys(errors).length >= 2, 'at least two reference cases');
    for (const [name, err] of Object.entries(errors)) assert.ok(err < 0.05, `${name}: max abs error ${err}`);
  });

  it('preprocesses a fixture image exactly as the Python pipeline does', () => {
    const index = JSON.parse(readFileSync(join(ref, 'index.json'), 'utf8')) as Record<string, { input: number[] } | number[]>;
    const shape = index['fixture96.image'] as [number, number, number];
    const raw = readFileSync(join(ref, 'fixture96.image.bin'));
    const image = tf.tensor3d(Int32Array.from(raw), shape, 'int32');
    const { input } = preprocess(image, 96);
    const want = readF32(join(ref, 'fixture96.input.bin'));
    assert.deepEqual(input.shape, (index['fixture96'] as { input: number[] }).input);
    const got = input.dataSync();
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
    assert.ok(worst < 1e-4, `max preprocessing difference ${worst}`);
    tf.dispose([image, input]);
  });
});
