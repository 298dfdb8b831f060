// The WASM backend has no kernel for a convolution's weight gradient; src/learning adds one. It
// must give the CPU backend's answer, for the layer shapes the personal reader uses and others.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-layers'; // registers every op's gradient, as the learning worker has them
import { useNodeBackend } from '../../src/cli/node-backend.js';
import { registerWasmConvGradient } from '../../src/learning/wasm-conv-grad.js';

const cases: Array<{
  x: [number, number, number, number];
  f: [number, number, number, number];
  strides: number;
  pad: 'same' | 'valid';
}> = [
  { x: [2, 8, 8, 1], f: [3, 3, 1, 4], strides: 1, pad: 'same' },
  { x: [3, 7, 9, 5], f: [3, 3, 5, 6], strides: 1, pad: 'valid' },
  { x: [2, 9, 9, 3], f: [3, 2, 3, 4], strides: 2, pad: 'same' },
];

/** d(sum(conv(x, w) * r))/dw on the current backend. */
function weightGradient(x: number[], w: number[], r: number[], c: (typeof cases)[number]): number[] {
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, c.x);
    const rt = tf.tensor(r);
    const g = tf.grad((wt: tf.Tensor) =>
      tf.sum(
        tf.mul(
          tf.conv2d(xt, wt as tf.Tensor4D, c.strides, c.pad),
          tf.reshape(rt, tf.conv2d(xt, wt as tf.Tensor4D, c.strides, c.pad).shape),
        ),
      ),
    );
    return Array.from(g(tf.tensor4d(w, c.f)).dataSync());
  });
}

describe('WASM convolution weight gradient', () => {
  before(() => registerWasmConvGradient());

  for (const c of cases) {
    it(`matches the CPU backend for x ${c.x.join('×')}, filter ${c.f.join('×')}, stride ${c.strides}, ${c.pad}`, async () => {
      const rand = (n: number) => Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898 + n) * 0.5);
      const x = rand(c.x.reduce((a, b) => a * b));
      const w = rand(c.f.reduce((a, b) => a * b));
      await useNodeBackend('cpu');
      const outSize = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.f) as tf.Tensor4D, c.strides, c.pad).size);
      const r = rand(outSize);
      const want = weightGradient(x, w, r, c);
      await useNodeBackend('wasm');
      const before = tf.memory().numTensors;
      const got = weightGradient(x, w, r, c);
      assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
      assert.equal(got.length, want.length);
      for (let i = 0; i < want.length; i++) assert.ok(Math.abs(got[i] - want[i]) < 1e-4, `element ${i}: ${got[i]} vs ${want[i]}`);
    });
  }
});
