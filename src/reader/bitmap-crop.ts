import * as tf from '@tensorflow/tfjs-core';
import type { Rect } from '../detector/whole-frame.js';
import type { Crop } from './read-numbers.js';

/**
 * Cuts the reader's regions from the frame's bitmap at full resolution (tf.slice of a whole
 * frame is slow on WASM). Shared by the worker and the side-by-side bench, so both read alike.
 */
export function bitmapCrop(frame: ImageBitmap): Crop {
  return async (r: Rect): Promise<tf.Tensor3D> => {
    const part = await createImageBitmap(frame, r.x, r.y, r.w, r.h);
    try {
      return tf.browser.fromPixels(part);
    } finally {
      part.close();
    }
  };
}
