import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { imageSizeFromHeader } from '../../src/camera/image-size.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A PNG header (signature + IHDR) claiming the given size, with no pixel data. */
function pngHeader(w: number, h: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, w);
  new DataView(b.buffer).setUint32(20, h);
  b.set([8, 2, 0, 0, 0], 24);
  return b;
}

describe('imageSizeFromHeader', () => {
  it('reads PNG and JPEG sizes without decoding', () => {
    assert.deepEqual(imageSizeFromHeader(pngHeader(20000, 20000)), { width: 20000, height: 20000 });
    assert.deepEqual(imageSizeFromHeader(new Uint8Array(readFileSync(join(ROOT, 'test/fixtures/images/parity.png')))), {
      width: 130,
      height: 130,
    });
    // SOI, an APP0 segment to skip, then SOF0 with height 480 and width 640.
    const jpg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 6, 0x4a, 0x46, 0x49, 0x46, 0xff, 0xc0, 0, 17, 8, 0x01, 0xe0, 0x02, 0x80, 3, 0, 0, 0, 0, 0, 0, 0,
      0, 0,
    ]);
    assert.deepEqual(imageSizeFromHeader(jpg), { width: 640, height: 480 });
  });

  it('returns null for what it cannot read', () => {
    assert.equal(imageSizeFromHeader(new TextEncoder().encode('plain text')), null);
  });
});
