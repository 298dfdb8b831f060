/**
 * The WASM backend of TF.js 4.22 has no Conv2DBackpropFilter kernel (the gradient of a
 * convolution's weights), so a CNN cannot train on it. This adds one, built from kernels WASM
 * does have: the input window each filter tap sees, side by side, times the output
 * gradient. Checked against the CPU backend's kernel in test/unit/wasm-conv-grad.test.ts.
 */
import * as tf from '@tensorflow/tfjs-core';

interface Attrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
}

/** dW for x [N,H,W,C] and dy [N,outH,outW,Co], NHWC, no dilation. */
export function conv2dFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, attrs: Attrs): tf.Tensor4D {
  if (attrs.dataFormat !== 'NHWC') throw new Error('Conv2DBackpropFilter on WASM: NHWC only');
  const info = tf.backend_util.computeConv2DInfo(x.shape, attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const { top, bottom, left, right } = info.padInfo;
  const [kh, kw, c, co] = attrs.filterShape;
  return tf.tidy(() => {
    const padded = tf.pad(x, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
    // Every tap's window side by side (im2col), then one matMul: far faster on WASM than one per tap.
    const windows: tf.Tensor[] = [];
    for (let i = 0; i < kh; i++)
      for (let j = 0; j < kw; j++)
        windows.push(
          tf.stridedSlice(
            padded,
            [0, i, j, 0],
            [x.shape[0], i + (info.outHeight - 1) * info.strideHeight + 1, j + (info.outWidth - 1) * info.strideWidth + 1, c],
            [1, info.strideHeight, info.strideWidth, 1],
          ),
        );
    const patches = tf.reshape(windows.length > 1 ? tf.concat(windows, 3) : windows[0], [-1, kh * kw * c]);
    return tf.reshape(tf.matMul(patches, tf.reshape(dy, [-1, co]), true, false), [kh, kw, c, co]);
  });
}

let registered = false;

/** Registers the kernel for the WASM backend (once; a later TF.js that has its own is left alone). */
export function registerWasmConvGradient(): void {
  if (registered || tf.getKernel('Conv2DBackpropFilter', 'wasm')) return;
  registered = true;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName: 'wasm',
    kernelFunc: ({ inputs, attrs }) =>
      conv2dFilterGradient(inputs.x as tf.Tensor4D, inputs.dy as tf.Tensor4D, attrs as unknown as Attrs),
  });
}
