import type { WebglProbe } from '../shared/backend-choice.js';

/** Probes WebGL2 on an OffscreenCanvas (works in a worker), before tfjs touches the GPU. */
export function probeWebgl(maxTextureOverride?: number): WebglProbe | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  let gl: WebGL2RenderingContext | null = null;
  try {
    gl = new OffscreenCanvas(1, 1).getContext('webgl2');
  } catch {
    return null;
  }
  if (!gl) return null;
  const dbg = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(dbg ? dbg.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  const real = gl.getParameter(gl.MAX_TEXTURE_SIZE) as number;
  const probe: WebglProbe = {
    webgl2: true,
    maxTextureSize: maxTextureOverride ? Math.min(real, maxTextureOverride) : real,
    floatRender: gl.getExtension('EXT_color_buffer_float') !== null,
    renderer,
    workerWebglBlocked: /^((?!chrome|android).)*safari/i.test(navigator.userAgent),
  };
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return probe;
}
