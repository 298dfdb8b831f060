/**
 * A learning run is repeatable: its random choices (batch order, dropout masks, initial weights)
 * all come from its seed, so the same glyphs and seed train the same weights, and another seed
 * trains others. Tests that measure a personal model rely on this.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { buildGlyphModel, trainGlyphModel } from '../../src/learning/glyph-model.js';
import { GLYPH } from '../../src/learning/glyph-crop.js';
import { seeded, shuffled } from '../../src/learning/seeded.js';

const N = 8;
const glyphs = new Float32Array(N * GLYPH * GLYPH).map((_, i) => ((i * 7919) % 255) / 255);
const labels = Array.from({ length: N }, (_, i) => i % 10);

async function trainedWeights(seed: number): Promise<number[]> {
  const model = buildGlyphModel(seed);
  try {
    await trainGlyphModel(model, glyphs, labels, { epochs: 1, batchSize: 4, seed });
    return model.getWeights().flatMap((w) => Array.from(w.dataSync()));
  } finally {
    model.dispose();
  }
}

describe('learning seed', () => {
  it('shuffles every index once, the same way for the same seed', () => {
    const a = shuffled(50, seeded(3));
    assert.deepEqual(
      [...a].sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.deepEqual(a, shuffled(50, seeded(3)));
    assert.notDeepEqual(a, shuffled(50, seeded(4)));
  });

  it('trains the same weights from the same seed, and others from another', async () => {
    await tf.setBackend('cpu');
    const a = await trainedWeights(5);
    assert.deepEqual(await trainedWeights(5), a);
    assert.notDeepEqual(await trainedWeights(6), a);
  });
});
