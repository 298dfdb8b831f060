/**
 * Getting a TF.js backend ready in the detection worker: what WASM this browser can run, and
 * registering only the backend chosen (each is its own chunk, fetched on first use).
 */
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { BackendName } from '../shared/protocol.js';

/**
 * Imports (and so registers) a backend only once it is chosen: each is its own chunk, fetched on
 * first use, so a WebGL device never downloads the WASM glue nor a WASM device the WebGL kernels.
 */
export async function registerBackend(backend: BackendName): Promise<void> {
  if (backend === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
  else {
    const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
  }
}

/** The smallest module using a SIMD instruction (as wasm-feature-detect's simd test). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function wasmFeatures(): { wasm: boolean; simd: boolean; threads: boolean } {
  const wasm = typeof WebAssembly === 'object';
  // Never threads, even on a cross-origin-isolated page (README, Decisions): tfjs starts its
  // threads from a blob: worker built from its factory's source text, which our CSP (worker-src
  // 'self') refuses and minification breaks. The worker's loadOn turns them off to match.
  const threads = false;
  // Checked without the WASM backend (its flag would need its chunk): the module validates only with SIMD.
  let simd = false;
  try {
    simd = wasm && WebAssembly.validate(SIMD_PROBE);
  } catch {
    // no SIMD
  }
  return { wasm, simd, threads };
}
