import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel, type LayersModel } from '@tensorflow/tfjs-layers';
import { greedyDecode, type LineText } from './ctc.js';
import { readerInput } from './preprocess.js';
import { isReaderMetadata, type ReaderMetadata } from './reader-format.js';

export interface ReaderLoadOptions {
  fetchFunc?: typeof fetch;
  onProgress?: (fraction: number) => void;
  /** One run on a blank crop in load(), so the first number is not slow (default true). */
  warmup?: boolean;
}

/**
 * The line reader: a small CRNN that reads a number's crop as a whole with CTC (digits, letter
 * suffixes, separators). Stage 2 after the digit detector; shared by the worker and the eval CLI.
 */
export class LineReader {
  private constructor(
    readonly model: LayersModel,
    readonly meta: ReaderMetadata,
  ) {}

  static async load(source: string | tf.io.IOHandler, options: ReaderLoadOptions = {}): Promise<LineReader> {
    const model = await loadLayersModel(source, { fetchFunc: options.fetchFunc, onProgress: options.onProgress });
    const meta = (model.getUserDefinedMetadata() as { reader?: unknown } | undefined)?.reader;
    if (!isReaderMetadata(meta)) {
      model.dispose();
      throw new Error('reader model has no reader metadata (userDefinedMetadata.reader)');
    }
    const reader = new LineReader(model, meta);
    if (options.warmup !== false) {
      const blank = tf.zeros([meta.height, meta.height * 3, 3], 'int32') as tf.Tensor3D;
      try {
        await reader.read([blank]);
      } catch (e) {
        reader.dispose();
        throw e;
      } finally {
        blank.dispose();
      }
    }
    return reader;
  }

  /** Reads each cut-out region (RGB, 0-255) in one batch. Disposes nothing of the caller's. */
  async read(regions: tf.Tensor3D[]): Promise<LineText[]> {
    if (regions.length === 0) return [];
    const { height, width, charset } = this.meta;
    const probs = tf.tidy(() => {
      const batch = tf.stack(regions.map((r) => readerInput(r, height, width))) as tf.Tensor4D;
      const logits = this.model.predict(batch) as tf.Tensor3D; // [n, steps, classes]
      return tf.softmax(logits);
    });
    const [n, steps, classes] = probs.shape;
    const data = await probs.data();
    probs.dispose();
    const out: LineText[] = [];
    for (let i = 0; i < n; i++) {
      out.push(greedyDecode(data.subarray(i * steps * classes, (i + 1) * steps * classes), steps, classes, charset));
    }
    return out;
  }

  dispose(): void {
    this.model.dispose();
  }
}
