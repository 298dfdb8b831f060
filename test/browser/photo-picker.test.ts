import '../../src/camera/photo-picker.js';
import type { PhotoSource } from '../../src/camera/photo-source.js';
import { assert, assertEqual } from '../helpers/assert.js';
import type { PhotoPicker } from '../../src/camera/photo-picker.js';

async function fixture(name: string, type: string): Promise<File> {
  const res = await fetch(`/test/fixtures/generated/${name}`);
  return new File([await res.blob()], name, { type });
}

/** The messages the picker hands the app for files it could not open (it shows none itself). */
function errorsOf(el: PhotoPicker): string[] {
  const said: string[] = [];
  el.addEventListener('photo-error', (e) => said.push(e.detail));
  return said;
}

describe('photo-picker', () => {
  it('accepts a PNG and hands it on as a frame source with the image in it', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const errors = errorsOf(el);
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
    assertEqual(errors.length, 0, 'no error');
    el.remove();
  });

  it('rejects a non-image with a message and fires nothing', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const errors = errorsOf(el);
    let fired = false;
    el.addEventListener('photo-chosen', () => (fired = true));
    // Named .png but plain text: the type claims an image, decoding proves otherwise.
    await el.choose(await fixture('not-an-image.png', 'image/png'));
    assertEqual(fired, false);
    assert(/could not be read as an image/.test(errors[0] ?? ''), `decode failure told: ${errors[0]}`);
    await el.choose(new File(['hello'], 'notes.txt', { type: 'text/plain' }));
    assert(/not an image/.test(errors[1] ?? ''), `wrong type told: ${errors[1]}`);
    el.remove();
  });

  it('refuses a 20000 x 20000 PNG from its header, before decoding', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const b = new Uint8Array(33);
    b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(b.buffer).setUint32(16, 20000);
    new DataView(b.buffer).setUint32(20, 20000);
    const errors = errorsOf(el);
    const src = await el.choose(new File([b], 'huge.png', { type: 'image/png' }));
    assertEqual(src, null);
    assert(/too large to open \(20000 × 20000 pixels\)/.test(errors[0] ?? ''), `size told: ${errors[0]}`);
    el.remove();
  });

  it('refuses a 50 MB image with a message, without decoding it', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const errors = errorsOf(el);
    const src = await el.choose(new File([new Uint8Array(50 * 1024 * 1024)], 'huge.jpg', { type: 'image/jpeg' }));
    assertEqual(src, null);
    assert(/too large \(52 MB\)/.test(errors[0] ?? ''), `size told: ${errors[0]}`);
    el.remove();
  });

  it('handles a truncated JPEG: either shows what decoded or says it is damaged, never throws', async () => {
    const el = document.createElement('photo-picker');
    document.body.append(el);
    const errors = errorsOf(el);
    const src = await el.choose(await fixture('truncated.jpg', 'image/jpeg'));
    const err = errors[0] ?? '';
    assert(src !== null || /damaged|could not be read/.test(err), `photo or message (got ${err})`);
    if (src) assertEqual(src.width, 640);
    el.remove();
  });
});
