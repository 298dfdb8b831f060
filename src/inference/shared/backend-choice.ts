import type { BackendChoice, BackendName } from './protocol.js';

/** What the worker learned about WebGL on this device. */
export interface WebglProbe {
  webgl2: boolean;
  maxTextureSize: number;
  /** EXT_color_buffer_float: tfjs needs float render targets for full precision. */
  floatRender: boolean;
  /** Renderer string when exposed (e.g. "ANGLE (Google, SwiftShader ...)"). */
  renderer: string;
  /** tfjs refuses WebGL inside a worker on Safari. */
  workerWebglBlocked: boolean;
}

export interface ChoiceOptions {
  force?: BackendName;
  /** Whether WASM can load (WebAssembly present). */
  wasm: boolean;
  simd: boolean;
  threads: boolean;
}

const SOFTWARE = /swiftshader|llvmpipe|software|basic render/i;

/**
 * Largest texture side (texels) tfjs-webgl needs for an activation of `elements` values:
 * packed textures hold 4 values per texel and tfjs lays big tensors out squarely, so
 * ceil(sqrt(elements / 4)). Also at least the frame's longer side, which is uploaded as is.
 */
export function textureNeeded(maxActivationElements: number, frameLongSide: number): number {
  return Math.max(Math.ceil(Math.sqrt(maxActivationElements / 4)), frameLongSide);
}

const wasmLabel = (o: ChoiceOptions): string => `WASM${o.simd ? ' SIMD' : ''}${o.threads ? ' threads' : ''}`;

/** Picks WebGL only where the model's largest texture fits; else WASM; else CPU. Pure, so it is unit-tested. */
export function chooseBackend(probe: WebglProbe | null, needTexture: number, o: ChoiceOptions): BackendChoice {
  const order = (first: BackendName): BackendName[] =>
    (['webgl', 'wasm', 'cpu'] as BackendName[]).filter((b) => b !== first && (b !== 'wasm' || o.wasm));
  if (o.force)
    return {
      backend: o.force,
      reason: `${o.force.toUpperCase()} — forced by ?backend=${o.force}`,
      fallbacks: order(o.force).filter((b) => b !== 'webgl'),
    };
  const notWebgl = (why: string): BackendChoice =>
    o.wasm
      ? { backend: 'wasm', reason: `${wasmLabel(o)} — ${why}`, fallbacks: ['cpu'] }
      : { backend: 'cpu', reason: `CPU — ${why}; WebAssembly unavailable`, fallbacks: [] };
  if (!probe || !probe.webgl2) return notWebgl('no WebGL2 in this worker');
  if (probe.workerWebglBlocked) return notWebgl('this browser blocks WebGL in workers');
  if (probe.maxTextureSize < needTexture) return notWebgl(`WebGL max texture ${probe.maxTextureSize} < ${needTexture} needed`);
  if (!probe.floatRender) return notWebgl('WebGL cannot render to float textures');
  // A software rasteriser runs WebGL on the CPU, far slower than WASM SIMD on the same cores.
  // Named by the rasteriser alone: the whole renderer string is long and nests parentheses.
  const software = SOFTWARE.exec(probe.renderer);
  if (software) return notWebgl(`WebGL is software-rendered (${software[0]})`);
  return {
    backend: 'webgl',
    reason: `WebGL — max texture ${probe.maxTextureSize} ≥ ${needTexture} needed`,
    fallbacks: o.wasm ? ['wasm', 'cpu'] : ['cpu'],
  };
}
