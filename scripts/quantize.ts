/** Weight quantization in the format tfjs's io.decodeWeights reads back (float16 or affine uint8). */
import type * as tf from '@tensorflow/tfjs-core';

export type Quantization = 'float16' | 'uint8' | 'none';

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** IEEE 754 float32 -> float16 bits, round to nearest even. */
export function toFloat16(v: number): number {
  f32[0] = v;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant = (mant | 0x800000) >>> (1 - e);
    if (mant & 0x1000 && mant & 0x2fff) mant += 0x2000;
    return sign | (mant >>> 13);
  }
  if (mant & 0x1000 && mant & 0x2fff) {
    mant += 0x2000;
    if (mant & 0x800000) {
      mant = 0;
      e += 1;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | (mant >>> 13);
}

export function quantizeWeights(
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  mode: Quantization,
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  if (mode === 'none') return { specs, data };
  const out: Uint8Array[] = [];
  const newSpecs: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const s of specs) {
    if (s.dtype !== 'float32') throw new Error(`cannot quantize ${s.name} of dtype ${s.dtype}`);
    const n = s.shape.reduce((a, b) => a * b, 1);
    const v = new Float32Array(data, offset, n);
    offset += n * 4;
    if (mode === 'float16') {
      const h = new Uint16Array(n);
      for (let i = 0; i < n; i++) h[i] = toFloat16(v[i]);
      out.push(new Uint8Array(h.buffer));
      newSpecs.push({ ...s, quantization: { dtype: 'float16' } });
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (const x of v) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
      const scale = max > min ? (max - min) / 255 : 1;
      const q = new Uint8Array(n);
      for (let i = 0; i < n; i++) q[i] = Math.round((v[i] - min) / scale);
      out.push(q);
      newSpecs.push({ ...s, quantization: { dtype: 'uint8', min, scale } });
    }
  }
  const total = out.reduce((a, b) => a + b.byteLength, 0);
  const buf = new Uint8Array(total);
  let o = 0;
  for (const b of out) {
    buf.set(b, o);
    o += b.byteLength;
  }
  return { specs: newSpecs, data: buf.buffer };
}
