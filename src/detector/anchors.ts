import type { AnchorLevel } from './model-format.js';

/** Size of a feature map after `log2(stride)` 3x3 stride-2 convs with padding 1: ceil(size / stride). */
export function featureSize(size: number, stride: number): number {
  return Math.ceil(size / stride);
}

/**
 * Anchors as (cx, cy, w, h) in input pixels, ordered (level, y, x, height, aspect), matching
 * the model's NHWC-flattened head outputs. Generated from the input size at run time, so the
 * fully convolutional model runs at any size (anchors.py is the Python twin).
 */
export function generateAnchors(height: number, width: number, levels: AnchorLevel[]): Float32Array {
  let total = 0;
  for (const l of levels) {
    total += featureSize(height, l.stride) * featureSize(width, l.stride) * l.heights.length * l.aspects.length;
  }
  const out = new Float32Array(total * 4);
  let i = 0;
  for (const l of levels) {
    const fh = featureSize(height, l.stride);
    const fw = featureSize(width, l.stride);
    for (let y = 0; y < fh; y++) {
      for (let x = 0; x < fw; x++) {
        for (const h of l.heights) {
          for (const a of l.aspects) {
            out[i++] = (x + 0.5) * l.stride;
            out[i++] = (y + 0.5) * l.stride;
            out[i++] = h * a;
            out[i++] = h;
          }
        }
      }
    }
  }
  return out;
}
