/**
 * The personal glyph classifier: a small CNN from a 32×32 grey glyph to one of the ten digits.
 * Built, trained, saved to plain data (for IndexedDB) and loaded back here, with TF.js layers.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { GLYPH } from './glyph-crop.js';

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
  /** After each epoch, 0..1; throwing stops the training. */
  onProgress?: (fraction: number) => void;
}

/** Trains on glyphs (n × GLYPH² floats) and their digits. */
export async function trainGlyphModel(
  model: tfl.LayersModel,
  glyphs: Float32Array,
  labels: number[],
  o: TrainOptions,
): Promise<void> {
  const x = tf.tensor4d(glyphs, [labels.length, GLYPH, GLYPH, 1]);
  const y = tf.tensor1d(labels, 'float32');
  try {
    await model.fit(x, y, {
      epochs: o.epochs,
      batchSize: o.batchSize,
      shuffle: true,
      verbose: 0,
      callbacks: { onEpochEnd: async (epoch) => o.onProgress?.((epoch + 1) / o.epochs) },
    });
  } finally {
    x.dispose();
    y.dispose();
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
