import { CaptureStore } from '../../src/history/capture-store.js';
import type { CaptureRecord } from '../../src/history/schema.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { captureRecord, idbRequest } from '../helpers/records.js';

const capture = (id: string, time: number, reading = '12'): CaptureRecord =>
  captureRecord(id, { time, reading, predictions: [{ digit: 1, score: 0.9, x: 1, y: 2, w: 3, h: 4 }] });

const request = idbRequest;

/** A database exactly as schema version 1 created it (the fixture), filled with records. */
async function makeV1Database(name: string, n: number): Promise<void> {
  await request(indexedDB.deleteDatabase(name));
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    const captures = db.createObjectStore('captures', { keyPath: 'id' });
    captures.createIndex('by-time', 'time');
    captures.createIndex('by-reading', 'reading');
    db.createObjectStore('corrections', { keyPath: 'captureId' }).createIndex('by-time', 'time');
  };
  const db = await request(open);
  const tx = db.transaction(['captures', 'corrections'], 'readwrite');
  for (let i = 0; i < n; i++) tx.objectStore('captures').add(capture(`c${i}`, 1000 + i, String(100 + i)));
  tx.objectStore('corrections').add({ captureId: 'c0', reading: '99', boxes: [], confirmed: false, time: 5 });
  await new Promise((r) => (tx.oncomplete = r));
  db.close();
}

describe('history database', () => {
  it('upgrades a version-1 database and keeps every record', async () => {
    await makeV1Database('digit-lens-upgrade-test', 25);
    const store = await CaptureStore.open('digit-lens-upgrade-test');
    assertEqual(await store.count(), 25);
    const all = await store.page(0, 100);
    assertEqual(all.length, 25);
    assertEqual(all[0].id, 'c24', 'newest first');
    assertEqual((await store.get('c3'))?.reading, '103');
    assertEqual((await store.getCorrection('c0'))?.reading, '99');
    assertEqual((await store.settings()).maxCaptures, 1000, 'new v2 settings store with defaults');
    // Anywhere in the number: 112 and 120 to 124.
    assertEqual((await store.page(0, 10, '12')).length, 6, 'search by number still uses the reading');
    store.close();
  });

  it('summarises every capture for the statistics without its images', async () => {
    await makeV1Database('digit-lens-summary-test', 30);
    const store = await CaptureStore.open('digit-lens-summary-test');
    const all = await store.summaries();
    assertEqual(all.length, 30);
    assertEqual(new Set(all.map((s) => s.id)).size, 30, 'each capture once');
    assertEqual(all[0].predictions[0].digit, 1);
    assertEqual(all[0].modelVersion, 'v0');
    assert(!('image' in all[0]) && !('thumbnail' in all[0]), 'no image blobs');
    store.close();
  });

  it('keeps at most the user maximum, removing the oldest uncorrected captures first', async () => {
    await makeV1Database('digit-lens-limit-test', 5);
    const store = await CaptureStore.open('digit-lens-limit-test');
    await store.setMaxCaptures(5);
    await store.add(capture('new', 9999));
    assertEqual(await store.count(), 5);
    assert(await store.get('c0'), 'oldest but corrected: kept');
    assert(!(await store.get('c1')), 'oldest uncorrected: removed');
    assert(await store.get('new'), 'the new capture is stored');
    store.close();
  });
});
