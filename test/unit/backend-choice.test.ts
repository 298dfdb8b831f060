import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseBackend, textureNeeded, type WebglProbe } from '../../src/inference/shared/backend-choice.js';

const gpu = (over: Partial<WebglProbe> = {}): WebglProbe => ({
  webgl2: true,
  maxTextureSize: 4096,
  floatRender: true,
  renderer: 'ANGLE (Qualcomm, Adreno 640)',
  workerWebglBlocked: false,
  ...over,
});
const wasm = { wasm: true, simd: true, threads: false };

describe('chooseBackend', () => {
  it('picks WebGL when the largest texture fits, with WASM then CPU behind it', () => {
    const c = chooseBackend(gpu(), 1200, wasm);
    assert.equal(c.backend, 'webgl');
    assert.deepEqual(c.fallbacks, ['wasm', 'cpu']);
  });

  it('picks WASM and says why when the GPU texture limit is too small', () => {
    const c = chooseBackend(gpu({ maxTextureSize: 2048 }), 4096, wasm);
    assert.equal(c.backend, 'wasm');
    assert.equal(c.reason, 'WASM SIMD — WebGL max texture 2048 < 4096 needed');
  });

  it('avoids WebGL without float render targets, in Safari workers, and on software renderers', () => {
    assert.equal(chooseBackend(gpu({ floatRender: false }), 100, wasm).backend, 'wasm');
    assert.equal(chooseBackend(gpu({ workerWebglBlocked: true }), 100, wasm).backend, 'wasm');
    // Named by the rasteriser: a cut renderer string left "(ANGLE (Google, Vulkan 1.3.0 (SwiftShader" unbalanced.
    assert.equal(
      chooseBackend(
        gpu({ renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)' }),
        100,
        wasm,
      ).reason,
      'WASM SIMD — WebGL is software-rendered (SwiftShader)',
    );
    assert.equal(chooseBackend(null, 100, wasm).backend, 'wasm');
  });

  it('falls to CPU when there is neither WebGL nor WebAssembly', () => {
    const c = chooseBackend(null, 100, { wasm: false, simd: false, threads: false });
    assert.equal(c.backend, 'cpu');
    assert.deepEqual(c.fallbacks, []);
  });

  it('honours a forced backend', () => {
    const c = chooseBackend(gpu(), 100, { ...wasm, force: 'cpu' });
    assert.equal(c.backend, 'cpu');
    assert.match(c.reason, /forced/);
  });
});

describe('textureNeeded', () => {
  it('is the packed square side of the largest activation, at least the frame side', () => {
    // 160x160x48 values (MobileNetV2 width 0.5 at 320 px) -> 554 texels per side, as tfjs reports.
    assert.equal(textureNeeded(160 * 160 * 48, 0), 555);
    assert.equal(textureNeeded(1000, 640), 640);
  });
});
