/** Node-only image decoding for the eval CLI (the browser decodes with createImageBitmap). */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs-core';

export interface DecodedImage {
  image: tf.Tensor3D;
  /** A region of the image as its own tensor, copied from the decoded pixels (see WholeFrameOptions.crop). */
  crop(region: { x: number; y: number; w: number; h: number }): tf.Tensor3D;
}

/** Decodes a JPEG or PNG into an int32 RGB tensor [h, w, 3]. */
export function decodeImage(path: string): tf.Tensor3D {
  return decodeFrame(path).image;
}

/** Decodes a JPEG or PNG and keeps its pixels, so regions can be cut out without tf.slice. */
export function decodeFrame(path: string): DecodedImage {
  const buf = readFileSync(path);
  const isPng = buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const { width, height, data } = isPng
    ? PNG.sync.read(buf)
    : jpeg.decode(buf, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 1024 });
  const rgb = new Int32Array(width * height * 3);
  for (let i = 0, j = 0; i < width * height * 4; i += 4) {
    rgb[j++] = data[i];
    rgb[j++] = data[i + 1];
    rgb[j++] = data[i + 2];
  }
  return {
    image: tf.tensor3d(rgb, [height, width, 3], 'int32'),
    crop: ({ x, y, w, h }) => {
      const out = new Int32Array(w * h * 3);
      for (let r = 0; r < h; r++) out.set(rgb.subarray(((y + r) * width + x) * 3, ((y + r) * width + x + w) * 3), r * w * 3);
      return tf.tensor3d(out, [h, w, 3], 'int32');
    },
  };
}
