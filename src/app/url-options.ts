import type { BackendName, InitOptions } from '../inference/shared/protocol.js';

/** Support / test switches from the URL: ?backend=wasm, ?maxTexture=512, ?failWebgl=1|run, ?size=320, ?hud=1, ?debug=1. */
export function urlOptions(
  search: string,
): Pick<InitOptions, 'forceBackend' | 'maxTexture' | 'simulateWebglFailure' | 'inputSize' | 'debug'> & { hud: boolean } {
  const p = new URLSearchParams(search);
  const backend = p.get('backend');
  const num = (k: string): number | undefined => {
    const v = Number(p.get(k));
    return Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;
  };
  const size = num('size');
  return {
    forceBackend: backend === 'webgl' || backend === 'wasm' || backend === 'cpu' ? (backend as BackendName) : undefined,
    maxTexture: num('maxTexture'),
    simulateWebglFailure:
      p.get('failWebgl') === 'run' ? 'run' : p.get('failWebgl') === '1' || p.get('failWebgl') === 'warmup' ? 'warmup' : undefined,
    inputSize: size ? Math.max(96, Math.min(640, Math.round(size / 32) * 32)) : undefined,
    hud: p.get('hud') === '1',
    debug: p.get('debug') === '1',
  };
}
