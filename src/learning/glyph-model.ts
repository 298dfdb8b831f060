/**
 * The personal glyph classifier: a small CNN from a 32×32 grey glyph to one of the ten digits.
 * Built, trained, saved to plain data (for IndexedDB) and loaded back here, with TF.js layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { GLYPH } from './glyph-crop.js';
import { nextSeed, seeded, shuffled } from './seeded.js';

const AREA = GLYPH * GLYPH;

/** What a trained classifier is stored as: TF.js model artefacts, all structured-cloneable. */
export interface GlyphWeights {
  topology: object;
  specs: tf.io.WeightsManifestEntry[];
  data: ArrayBuffer;
}

export function buildGlyphModel(seed = 1): tfl.Sequential {
  const init = (n: number) => tfl.initializers.heNormal({ seed: seed + n });
  const conv = (filters: number, n: number, first = false) =>
    tfl.layers.conv2d({
      filters,
      kernelSize: 3,
      padding: 'same',
      activation: 'relu',
      kernelInitializer: init(n),
      ...(first ? { inputShape: [GLYPH, GLYPH, 1] } : {}),
    });
  const model = tfl.sequential({
    layers: [
      conv(12, 0, true),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(24, 1),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      conv(48, 2),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dropout({ rate: 0.3, seed }),
      tfl.layers.dense({ units: 64, activation: 'relu', kernelInitializer: init(3) }),
      tfl.layers.dense({
        units: 10,
        activation: 'softmax',
        kernelInitializer: tfl.initializers.glorotUniform({ seed: seed + 4 }),
      }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.002), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  /** Seeds the batch order and the dropout masks: the same glyphs and seed train the same model. */
  seed: number;
  /** After each epoch, 0..1; throwing stops the training. */
  onProgress?: (fraction: number) => void;
}

/**
 * TF.js's Dropout restarts its generator from the layer's seed at every call, so a seeded layer
 * drops the same units at every step (they never learn) and an unseeded one draws from
 * Math.random. Each step gets a seed of its own, from the run's seed, instead.
 */
function reseedDropout(model: tfl.LayersModel, rnd: () => number): void {
  for (const layer of model.layers) {
    if (layer.getClassName() !== 'Dropout') continue;
    if (!('seed' in layer)) throw new Error('TF.js Dropout has no seed to set: learning would not be repeatable');
    (layer as unknown as { seed: number }).seed = nextSeed(rnd);
  }
}

/**
 * Trains on glyphs (n × GLYPH² floats) and their digits: each epoch in a new order, batch by
 * batch, every random choice drawn from `o.seed` (model.fit would shuffle with Math.random).
 */
export async function trainGlyphModel(
  model: tfl.LayersModel,
  glyphs: Float32Array,
  labels: number[],
  o: TrainOptions,
): Promise<void> {
  const rnd = seeded(o.seed);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = shuffled(labels.length, rnd);
    for (let at = 0; at < order.length; at += o.batchSize) {
      const batch = order.subarray(at, at + o.batchSize);
      const x = new Float32Array(batch.length * AREA);
      batch.forEach((k, i) => x.set(glyphs.subarray(k * AREA, (k + 1) * AREA), i * AREA));
      const xs = tf.tensor4d(x, [batch.length, GLYPH, GLYPH, 1]);
      const ys = tf.tensor1d(
        Array.from(batch, (k) => labels[k]),
        'float32',
      );
      reseedDropout(model, rnd);
      try {
        await model.trainOnBatch(xs, ys);
      } finally {
        xs.dispose();
        ys.dispose();
      }
    }
    o.onProgress?.((epoch + 1) / o.epochs);
  }
}

/** Best digit and its probability for each glyph. */
export function classifyGlyphs(model: tfl.LayersModel, glyphs: Float32Array): Array<{ digit: number; p: number }> {
  const n = glyphs.length / (GLYPH * GLYPH);
  if (n === 0) return [];
  const probs = tf.tidy(() => (model.predict(tf.tensor4d(glyphs, [n, GLYPH, GLYPH, 1])) as tf.Tensor2D).arraySync());
  return probs.map((row) => {
    let digit = 0;
    for (let d = 1; d < row.length; d++) if (row[d] > row[digit]) digit = d;
    return { digit, p: row[digit] };
  });
}

export async function saveGlyphModel(model: tfl.LayersModel): Promise<GlyphWeights> {
  let out: GlyphWeights | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      const data = a.weightData;
      out = {
        topology: a.modelTopology as object,
        specs: a.weightSpecs ?? [],
        data: data instanceof ArrayBuffer ? data : tf.io.concatenateArrayBuffers(data ?? []),
      };
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!out) throw new Error('the model could not be saved');
  return out;
}

export function loadGlyphModel(w: GlyphWeights): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology: w.topology, weightSpecs: w.specs, weightData: w.data }));
}
