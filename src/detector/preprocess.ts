import * as tf from '@tensorflow/tfjs-core';

/** Model input is a multiple of the deepest stride on both sides. */
export const STRIDE = 32;

/** Longer side -> size; the shorter keeps the aspect ratio, rounded up to a multiple of 32. */
export function inputShape(height: number, width: number, size: number): [number, number] {
  const short = (s: number): number => Math.max(STRIDE, Math.ceil(s / STRIDE) * STRIDE);
  return height >= width ? [size, short((size * width) / height)] : [short((size * height) / width), size];
}

export interface Preprocessed {
  /** [1, h, w, 3] float32 in [-1, 1]. */
  input: tf.Tensor4D;
  /** Multiply model-pixel x / y by these to get image pixels. */
  scaleX: number;
  scaleY: number;
}

/**
 * Identical to models/training/digitlens/preprocess.py (a parity test compares them):
 * RGB float; avg-pool by floor(scale) when shrinking 2x or more (so big camera frames do not
 * alias); bilinear resize with half-pixel centres (= torch align_corners=False); x / 127.5 - 1.
 */
export function preprocess(image: tf.Tensor3D, size: number): Preprocessed {
  const [h, w] = image.shape;
  const [th, tw] = inputShape(h, w, size);
  const input = tf.tidy(() => {
    let x = tf.expandDims(tf.cast(image, 'float32'), 0) as tf.Tensor4D;
    const k = Math.floor(Math.min(h / th, w / tw));
    if (k >= 2) x = tf.avgPool(x, k, k, 'valid');
    x = tf.image.resizeBilinear(x, [th, tw], false, true);
    return tf.sub(tf.div(x, 127.5), 1) as tf.Tensor4D;
  });
  return { input, scaleX: w / tw, scaleY: h / th };
}
