import '../../src/camera/photo-picker.js';
import type { PhotoSource } from '../../src/camera/photo-source.js';
import { assert, assertEqual, byTestId } from '../helpers/assert.js';

async function fixture(name: string, type: string): Promise<File> {
  const res = await fetch(`/test/fixtures/generated/${name}`);
  return new File([await res.blob()], name, { type });
}

describe('photo-picker', () => {
  it('accepts a PNG and hands it on as a frame source with the image in it', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    let chosen: PhotoSource | null = null;
    el.addEventListener('photo-chosen', (e) => (chosen = (e as CustomEvent<PhotoSource>).detail));
    await el.choose(await fixture('number-4721.png', 'image/png'));
    assert(chosen, 'photo-chosen fired');
    const src = chosen as PhotoSource;
    assertEqual(src.width, 640);
    assertEqual(src.height, 480);
    const frame = await src.grabFrame();
    assertEqual(frame.source, 'photo');
    assertEqual(frame.width, 640);
    frame.bitmap.close();
    await el.updateComplete;
    assert(!byTestId(el.shadowRoot!, 'photo-error'), 'no error shown');
    el.remove();
  });

  it('rejects a non-image with a message and fires nothing', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    let fired = false;
    el.addEventListener('photo-chosen', () => (fired = true));
    // Named .png but plain text: the type claims an image, decoding proves otherwise.
    await el.choose(await fixture('not-an-image.png', 'image/png'));
    await el.updateComplete;
    assertEqual(fired, false);
    const err = byTestId(el.shadowRoot!, 'photo-error');
    assert(err && /could not be read as an image/.test(err.textContent ?? ''), 'decode failure message shown');
    await el.choose(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    await el.updateComplete;
    assert(/not an image/.test(byTestId(el.shadowRoot!, 'photo-error')?.textContent ?? ''), 'wrong type message shown');
    el.remove();
  });

  it('refuses a 20000 x 20000 PNG from its header, before decoding', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const b = new Uint8Array(33);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(b.buffer).setUint32(16, 20000);
    new DataView(b.buffer).setUint32(20, 20000);
    const src = await el.choose(new File([b], 'huge.png', { type: 'image/png' }));
    await el.updateComplete;
    assertEqual(src, null);
    assert(
      /too large to open \(20000 × 20000 pixels\)/.test(byTestId(el.shadowRoot!, 'photo-error')?.textContent ?? ''),
      'size message shown',
    );
    el.remove();
  });

  it('refuses a 50 MB image with a message, without decoding it', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const src = await el.choose(new File([new Uint8Array(50 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' }));
    await el.updateComplete;
    assertEqual(src, null);
    assert(/too large \(52 MB\)/.test(byTestId(el.shadowRoot!, 'photo-error')?.textContent ?? ''), 'size message shown');
    el.remove();
  });

  it('handles a truncated JPEG: either shows what decoded or says it is damaged, never throws', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const src = await el.choose(await fixture('truncated.jpg', 'image/jpeg'));
    await el.updateComplete;
    const err = byTestId(el.shadowRoot!, 'photo-error')?.textContent ?? '';
    assert(src !== null || /damaged|could not be read/.test(err), `photo or message (got ${err})`);
    if (src) assertEqual(src.width, 640);
    el.remove();
  });
});
