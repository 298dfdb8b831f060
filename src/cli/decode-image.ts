/** Node-only image decoding for the eval CLI (the browser decodes with createImageBitmap). */
import { readFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import * as tf from '@tensorflow/tfjs-core';

/** Decodes a JPEG or PNG into an int32 RGB tensor [h, w, 3]. */
export function decodeImage(path: string): tf.Tensor3D {
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
  return tf.tensor3d(rgb, [height, width, 3], 'int32');
}
