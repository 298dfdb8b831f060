import * as tf from '@tensorflow/tfjs-core';

/** Smallest padded width: a lone "1" is still a few columns wide. */
export const MIN_WIDTH = 8;

/** Width a region of w x h pixels gets at the reader's height (at most the input width: squeezed). */
export function targetWidth(w: number, h: number, height: number, width: number): number {
  return Math.min(width, Math.max(MIN_WIDTH, Math.round((height * w) / h)));
}

/**
 * A number's region (already cut out, RGB int or float 0-255) -> reader input [height, width, 3].
 * Identical to models/training/digitlens/reader/preprocess.py (a parity test compares them):
 * height -> 32 keeping the aspect (8..128 wide); avg-pool by floor(scale) first when shrinking 2x
 * or more (thin strokes must not alias away); bilinear with half-pixel centres; x / 127.5 - 1;
 * zero (= mid grey) padding on the right.
 */
export function readerInput(region: tf.Tensor3D, height: number, width: number): tf.Tensor3D {
  const [h, w] = region.shape;
  const tw = targetWidth(w, h, height, width);
  return tf.tidy(() => {
    let x = tf.expandDims(tf.cast(region, 'float32'), 0) as tf.Tensor4D;
    const k = Math.floor(Math.min(h / height, w / tw));
    if (k >= 2) x = tf.avgPool(x, k, k, 'valid');
    x = tf.image.resizeBilinear(x, [height, tw], false, true);
    x = tf.sub(tf.div(x, 127.5), 1);
    return tf.squeeze(
      tf.pad(x, [
        [0, 0],
        [0, 0],
        [0, width - tw],
        [0, 0],
      ]),
      [0],
    ) as tf.Tensor3D;
  });
}
