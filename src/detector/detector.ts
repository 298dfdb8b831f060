import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { generateAnchors } from './anchors.js';
import { isDetectorMetadata, type DetectorMetadata } from './model-format.js';
import { dropNested } from './nested.js';
import { preprocess } from './preprocess.js';
import { DEFAULT_READ_OPTIONS, readNumber, type DigitBox, type ReadOptions } from './read.js';

export type { DigitBox } from './read.js';

export interface DetectOptions {
  /** Longer side of the model input in pixels; defaults to the model's inputSize. */
  size?: number;
  /** Per-box score threshold before NMS. */
  scoreThreshold?: number;
  iouThreshold?: number;
  /** A box this much inside a better one (intersection over the smaller area) is dropped. */
  nestedThreshold?: number;
  maxDetections?: number;
  read?: ReadOptions;
  /** Also return glyphs classed as letters (class 10): a whole-frame search uses them as cues. */
  keepLetters?: boolean;
  /** Score a `number` box needs (defaults to scoreThreshold). */
  numberThreshold?: number;
}

/** One box around a whole number (model v5+: the `number` class), in image pixels. */
export interface NumberBox {
  score: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DetectionResult {
  /** Digits only (letters are detected so they are not mistaken for digits, then dropped). */
  boxes: DigitBox[];
  /** Whole numbers where the model has a `number` class (found before its glyphs are readable), else []. */
  numberBoxes: NumberBox[];
  /** The number read from the boxes, '' when none. */
  reading: string;
  /** Wall time of this call, preprocessing to reading. */
  ms: number;
}

/** Chosen on the synthetic validation set and the dev photos (models/digits/<version>/README.md). */
export const NESTED_THRESHOLD = 0.5;

export type ModelSource = string | tf.io.IOHandler;

export interface LoadOptions {
  /** Called with (loaded, total) fraction while shards download (URL sources only). */
  onProgress?: (fraction: number) => void;
  /** Custom fetch, e.g. one that verifies SHA-256 of each shard. */
  fetchFunc?: typeof fetch;
  /**
   * Longer side of the warm-up input (defaults to the model's inputSize), or false to skip it.
   * The warm-up compiles shaders / kernels so the first real frame is not slow.
   */
  warmupSize?: number | false;
}

/**
 * The digit detector, shared unchanged by the app's worker and the Node eval CLI.
 * Caller owns the tfjs backend choice; this class owns the model and its anchors.
 */
export class DigitDetector {
  private readonly anchors = new Map<string, tf.Tensor2D>();
  /** How long the warm-up in load() took (0 when skipped). */
  warmupMs = 0;

  private constructor(
    readonly model: LayersModel,
    readonly meta: DetectorMetadata,
  ) {}

  static async load(source: ModelSource, options: LoadOptions = {}): Promise<DigitDetector> {
    const model = await loadLayersModel(source, {
      onProgress: options.onProgress,
      fetchFunc: options.fetchFunc,
    });
    const meta = (model.getUserDefinedMetadata() as { detector?: unknown } | undefined)?.detector;
    if (!isDetectorMetadata(meta)) {
      model.dispose();
      throw new Error('model.json has no detector metadata (userDefinedMetadata.detector)');
    }
    const detector = new DigitDetector(model, meta);
    if (options.warmupSize !== false) {
      // As tfjs-models' detectors do: one run on zeros at the input size, before the first frame.
      const size = options.warmupSize ?? meta.inputSize;
      const t0 = performance.now();
      const zeros = tf.zeros([Math.round((size * 3) / 4), size, 3], 'int32') as tf.Tensor3D;
      try {
        await detector.detect(zeros, { size });
      } catch (e) {
        detector.dispose(); // a failed warm-up must not leave the weights on the backend
        throw e;
      } finally {
        zeros.dispose();
      }
      detector.warmupMs = performance.now() - t0;
    }
    return detector;
  }

  get version(): string {
    return this.meta.version;
  }

  private anchorsFor(h: number, w: number): tf.Tensor2D {
    const key = `${h}x${w}`;
    let a = this.anchors.get(key);
    if (!a) {
      const data = generateAnchors(h, w, this.meta.levels);
      a = tf.tensor2d(data, [data.length / 4, 4]);
      this.anchors.set(key, a);
    }
    return a;
  }

  /** Index of the `number` class among the non-background classes, -1 for models without one. */
  get numberClass(): number {
    return this.meta.classes.indexOf('number');
  }

  /**
   * The model on a preprocessed input [1, h, w, 3]: decoded boxes (y0 x0 y1 x1), the best glyph
   * class's score and index, and the `number` score (zeros without that class). Glyph and number
   * scores are kept apart: a number box holds its glyphs, so neither may suppress the other.
   */
  private decode(input: tf.Tensor4D): [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D] {
    const [, h, w] = input.shape;
    const anchors = this.anchorsFor(h, w);
    const { cv, sv } = { cv: this.meta.centerVariance, sv: this.meta.sizeVariance };
    return tf.tidy(() => {
      const [logits, deltas] = this.model.predict(input) as tf.Tensor3D[];
      const all = tf.slice(tf.softmax(tf.squeeze(logits, [0])), [0, 1], [-1, -1]);
      const n = this.numberClass;
      const probs = n < 0 ? all : tf.slice(all, [0, 0], [-1, n]);
      const numberScore = (n < 0 ? tf.zeros([all.shape[0]]) : tf.squeeze(tf.slice(all, [0, n], [-1, 1]), [1])) as tf.Tensor1D;
      const d = tf.squeeze(deltas, [0]) as tf.Tensor2D;
      const [acx, acy, aw, ah] = tf.split(anchors, 4, 1);
      const [dx, dy, dw, dh] = tf.split(d, 4, 1);
      const bcx = tf.add(tf.mul(tf.mul(dx, cv), aw), acx);
      const bcy = tf.add(tf.mul(tf.mul(dy, cv), ah), acy);
      const halfW = tf.div(tf.mul(tf.exp(tf.mul(dw, sv)), aw), 2);
      const halfH = tf.div(tf.mul(tf.exp(tf.mul(dh, sv)), ah), 2);
      const boxes = tf.concat([tf.sub(bcy, halfH), tf.sub(bcx, halfW), tf.add(bcy, halfH), tf.add(bcx, halfW)], 1);
      return [boxes as tf.Tensor2D, tf.max(probs, 1) as tf.Tensor1D, tf.argMax(probs, 1) as tf.Tensor1D, numberScore];
    });
  }

  /** Runs the model on an RGB image tensor [h, w, 3] (int32 or float 0-255). Disposes nothing of the caller's. */
  async detect(image: tf.Tensor3D, options: DetectOptions = {}): Promise<DetectionResult> {
    const t0 = performance.now();
    const size = options.size ?? this.meta.inputSize;
    const scoreThreshold = options.scoreThreshold ?? 0.3;
    const { input, scaleX, scaleY } = preprocess(image, size);
    let outputs: [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
    try {
      outputs = this.decode(input);
    } finally {
      input.dispose(); // also when predict throws (a lost WebGL context): it would leak otherwise
    }
    const [yxyx, scores, classes, numberScores] = outputs;
    let gathered: tf.Tensor[];
    try {
      const maxDet = options.maxDetections ?? 50;
      const iou = options.iouThreshold ?? 0.45;
      // Class-agnostic NMS: one glyph is one symbol, whichever classes compete for it.
      const keep = await tf.image.nonMaxSuppressionAsync(yxyx, scores, maxDet, iou, scoreThreshold);
      const keepN =
        this.numberClass < 0
          ? null
          : await tf.image.nonMaxSuppressionAsync(yxyx, numberScores, 10, iou, options.numberThreshold ?? scoreThreshold);
      gathered = tf.tidy(() => [
        tf.gather(yxyx, keep),
        tf.gather(scores, keep),
        tf.gather(classes, keep),
        ...(keepN ? [tf.gather(yxyx, keepN), tf.gather(numberScores, keepN)] : []),
      ]);
      keep.dispose();
      keepN?.dispose();
    } finally {
      tf.dispose(outputs);
    }
    let data: (Float32Array | Int32Array | Uint8Array)[];
    try {
      data = await Promise.all(gathered.map((t) => t.data()));
    } finally {
      tf.dispose(gathered);
    }
    const [kb, ks, kc, nb, ns] = data;
    const toBox = (b: ArrayLike<number>, i: number) => {
      const y0 = b[i * 4] * scaleY;
      const x0 = b[i * 4 + 1] * scaleX;
      return { x: x0, y: y0, w: b[i * 4 + 3] * scaleX - x0, h: b[i * 4 + 2] * scaleY - y0 };
    };
    const all: DigitBox[] = [];
    for (let i = 0; i < ks.length; i++) all.push({ digit: kc[i], score: ks[i], ...toBox(kb, i) });
    const numbers: NumberBox[] = [];
    for (let i = 0; ns && i < ns.length; i++) numbers.push({ score: ns[i], ...toBox(nb, i) });
    // Letters take part in nesting (a suffix's box can swallow a digit fragment), then go: class 10.
    const glyphs = dropNested(all, options.nestedThreshold ?? NESTED_THRESHOLD);
    const digits = glyphs.filter((b) => b.digit < 10);
    const boxes = options.keepLetters ? glyphs : digits;
    const { reading } = readNumber(digits, options.read ?? DEFAULT_READ_OPTIONS);
    return { boxes, numberBoxes: numbers, reading, ms: performance.now() - t0 };
  }

  dispose(): void {
    for (const a of this.anchors.values()) a.dispose();
    this.anchors.clear();
    this.model.dispose();
  }
}
