/**
 * Import budgets: the sum of what a zip unpacks is capped (not only each entry), a giant image is
 * refused by name from its header before anything decodes it, and a running import shows its
 * progress and can be cancelled without leaving anything half-written.
 */
import { strToU8, zipSync } from 'fflate';
import { ImportError, readZip } from '../../src/history/dataset-zip.js';
import '../../src/history/history-view.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';

const record = (id: string) => ({
  id,
  file: `images/${id}.jpg`,
  width: 40,
  height: 30,
  number: '17',
  boxes: [{ digit: 1, x: 1, y: 2, w: 3, h: 4 }],
  confirmed: true,
});

async function makeJpeg(shade = 0): Promise<Uint8Array> {
  const c = new OffscreenCanvas(40, 30);
  const g = c.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 40, 30);
  g.fillStyle = `rgb(${shade} 0 0)`;
  g.fillRect(5, 5, 10, 20);
  return new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
}

/** The first bytes of a PNG that says it is width x height (signature + IHDR): enough for its header. */
function pngHeader(width: number, height: number): Uint8Array {
  const b = new Uint8Array(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 0);
  b.set(strToU8('IHDR'), 12);
  const dv = new DataView(b.buffer);
  dv.setUint32(16, width);
  dv.setUint32(20, height);
  b.set([8, 6, 0, 0, 0], 24); // 8-bit RGBA
  return b;
}

const zipBlob = (files: Record<string, Uint8Array>): Blob =>
  new Blob([zipSync(files, { level: 0 }) as BlobPart], { type: 'application/zip' });

const fresh = freshHistory;
const done = closeHistory;

/** Waits, frame by frame, until `ok()` holds; fails after timeoutMs. */
async function until(ok: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('import budgets', () => {
  it('refuses a small zip that would unpack beyond the total budget, before inflating it, and stores nothing', async () => {
    // 15 entries of 14 MB of zeros: each under the 15 MB per-entry cap, 220 MB together, in a zip of ~0.2 MB.
    const zeros = new Uint8Array(14 * 1024 * 1024);
    const files: Record<string, Uint8Array> = {};
    const records = [];
    for (let i = 0; i < 15; i++) {
      files[`images/z${i}.jpg`] = zeros;
      records.push(record(`z${i}`));
    }
    files['annotations.json'] = strToU8(JSON.stringify(records));
    const bytes = zipSync(files, { level: 6 });
    assert(bytes.byteLength < 1024 * 1024, `the zip itself is small (${bytes.byteLength} bytes)`);
    // Break the first entry's deflate stream (an invalid block type): had anything been inflated,
    // the import would fail as an unreadable zip instead of naming the size.
    const dv = new DataView(bytes.buffer, bytes.byteOffset);
    assertEqual(dv.getUint32(0, true), 0x04034b50, 'a local file header first');
    bytes[30 + dv.getUint16(26, true) + dv.getUint16(28, true)] = 0x07;
    const zip = new Blob([bytes as BlobPart], { type: 'application/zip' });

    let thrown: unknown = null;
    try {
      readZip(bytes);
    } catch (e) {
      thrown = e;
    }
    assert(thrown instanceof ImportError, `readZip refuses it with an ImportError, got ${String(thrown)}`);
    assert(/unpacks to 220 MB, more than the 200 MB/.test(thrown.message), thrown.message);

    const { store, view } = await fresh('digit-lens-import-total');
    await view.importDataset(zip);
    assert(
      /^That zip unpacks to 220 MB, more than the 200 MB one import may use: nothing was imported/.test(view.message),
      view.message,
    );
    assertEqual(await store.count(), 0);
    done(store, view);
  });

  it('refuses a 20000 x 20000 PNG named .jpg by name, from its header, without decoding it', async () => {
    const jpeg = await makeJpeg();
    const zip = zipBlob({
      'images/fine.jpg': jpeg,
      'images/giant.jpg': pngHeader(20_000, 20_000),
      'annotations.json': strToU8(JSON.stringify([record('fine'), record('giant')])),
    });
    const { store, view } = await fresh('digit-lens-import-giant');
    const decoded: number[] = [];
    const real = window.createImageBitmap;
    window.createImageBitmap = ((image: ImageBitmapSource, ...rest: []) => {
      if (image instanceof Blob) decoded.push(image.size);
      return real(image, ...rest);
    }) as typeof createImageBitmap;
    try {
      await view.importDataset(zip);
    } finally {
      window.createImageBitmap = real;
    }
    const m = view.message;
    assert(/^Imported 1, skipped 0 already here\./.test(m), m);
    assert(
      /Refused 1 invalid: record 2 \(id giant\): images\/giant\.jpg is too large to open \(20000 × 20000 pixels, more than 64 megapixels\)/.test(
        m,
      ),
      m,
    );
    assertEqual(decoded.length, 1, 'only the fine image reached the decoder');
    assertEqual(decoded[0], jpeg.byteLength);
    assertEqual(await store.count(), 1);
    done(store, view);
  });

  it('shows the progress of a large import and cancels it: nothing is written, the user is told', async () => {
    const files: Record<string, Uint8Array> = {};
    const records = [];
    for (let i = 0; i < 150; i++) {
      files[`images/p${i}.jpg`] = await makeJpeg(i);
      records.push(record(`p${i}`));
    }
    files['annotations.json'] = strToU8(JSON.stringify(records));
    const { store, view } = await fresh('digit-lens-import-cancel');
    const importing = view.importDataset(zipBlob(files));
    const progress = () => view.shadowRoot!.querySelector('[data-testid="history-import-progress"]');
    await until(
      () => !!progress() && /\b[1-9]\d* of 150 checked/.test(progress()!.textContent ?? ''),
      'progress past the first image',
    );
    assert(
      view.shadowRoot!.querySelector<HTMLInputElement>('[data-testid="history-import"]')!.disabled,
      'no second import while one runs',
    );
    view.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="history-import-cancel"]')!.click();
    await importing;
    await view.updateComplete;
    assertEqual(view.message, 'Import cancelled: nothing was imported.');
    assertEqual(progress(), null, 'the progress is gone');
    assertEqual(await store.count(), 0, 'nothing half-written');
    assertEqual((await store.allCorrections()).length, 0);
    done(store, view);
  });

  it('a cancel that comes while the records are being written aborts the whole transaction', async () => {
    const jpeg = new Blob([(await makeJpeg()) as BlobPart], { type: 'image/jpeg' });
    const items = Array.from({ length: 20 }, (_, i) => ({
      capture: {
        id: `w${i}`,
        time: 1000 + i,
        image: jpeg,
        thumbnail: jpeg,
        width: 40,
        height: 30,
        predictions: [],
        reading: '17',
        modelVersion: 'v0',
        backend: 'wasm',
        timings: { inferenceMs: 1, frameToResultMs: 1 },
        source: 'photo' as const,
      },
      correction: { captureId: `w${i}`, reading: '17', boxes: [], confirmed: true, time: 1000 + i },
    }));
    const { store, view } = await fresh('digit-lens-import-cancel-write');
    const cancel = new AbortController();
    const add = IDBObjectStore.prototype.add;
    let adds = 0;
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (++adds === 5) cancel.abort(); // the user presses Cancel after four records went in
      return add.apply(this, args);
    };
    let failed: unknown = null;
    try {
      await store.importEntries(items, cancel.signal);
    } catch (e) {
      failed = e;
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    assert(failed instanceof DOMException && failed.name === 'AbortError', `rejects as cancelled, got ${String(failed)}`);
    assertEqual(await store.count(), 0, 'the four written before the cancel are gone too');
    assertEqual((await store.allCorrections()).length, 0);
    done(store, view);
  });
});
