/**
 * Importing records with every field wrong in every way: each bad record is refused and named in
 * the message, never stored, and search, statistics, review data and export all still work.
 * Also: the history limit holds on import, a capture says what it removed, and storage-full and
 * undecodable images are named.
 */
import { strToU8, unzipSync, zipSync } from 'fflate';
import { CaptureStore } from '../../src/history/capture-store.js';
import '../../src/history/capture-review.js';
import '../../src/history/history-view.js';
import type { HistoryView } from '../../src/history/history-view.js';
import type { CaptureRecord } from '../../src/history/schema.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { captureRecord } from '../helpers/records.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

/** A real (decodable) JPEG. */
async function makeJpeg(): Promise<Uint8Array> {
  const c = new OffscreenCanvas(40, 30);
  const g = c.getContext('2d')!;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, 40, 30);
  g.fillStyle = '#000';
  g.fillRect(5, 5, 10, 20);
  return new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg' })).arrayBuffer());
}

const goodBox = (digit = 1): Obj => ({ digit, x: 1, y: 2, w: 3, h: 4 });
const goodPredicted = (digit = 1): Obj => ({ digit, score: 0.9, x: 1, y: 2, w: 3, h: 4 });

function good(id: string, number = '17'): Obj {
  return {
    id,
    file: `images/${id}.jpg`,
    width: 40,
    height: 30,
    number,
    boxes: [goodBox(1), goodBox(7)],
    confirmed: false,
    time: 1_700_000_000_000,
    modelVersion: 'v9',
    backend: 'wasm',
    source: 'camera',
    predicted: { number: '11', boxes: [goodPredicted(1), goodPredicted(1)] },
  };
}

const MISSING = Symbol('missing');
type Bad = Json | typeof MISSING;
const nested: Json = { a: { b: { c: [1, { d: 'deep' }] } } };
const common: Bad[] = [null, {}, [], nested, true];
const hugeString = 'x'.repeat(100_000);

/** Values that are wrong for each kind of field: wrong type, NaN (null in JSON), negative, huge, nested. */
const badValues: Record<string, Bad[]> = {
  id: [MISSING, 5, '', '../x', 'a'.repeat(81), 'a b', hugeString, ...common],
  file: [MISSING, 'images/other.jpg', '../../evil.jpg', 'images/x.png', 5, ...common],
  side: [MISSING, -1, 0, 1.5, 1e308, -1e308, 1e6, '40', Number.NaN, ...common],
  number: [MISSING, 5, '12a', ' 1', '-1', '1'.repeat(65), hugeString, ...common],
  reading: [MISSING, 5, 1e308, '1a', '1'.repeat(300), hugeString, ...common],
  list: [MISSING, 'abc', 5, {}, nested, null, true, [null], [5], ['abc'], [[]], Array<Json>(300).fill(goodPredicted())],
  box: [null, 5, 'abc', [], {}, nested, true],
  digit: [MISSING, 42, 10, -1, 1.5, '1', Number.NaN, 1e308, ...common],
  coordinate: [MISSING, 1e308, -1e308, 1e6, -1e6, '1', Number.NaN, ...common],
  extent: [MISSING, -1, 1e308, 1e6, '3', Number.NaN, ...common],
  score: [MISSING, -0.1, 1.5, 42, '0.5', Number.NaN, ...common],
  time: [{}, -1, 1e308, '2024-01-01', Number.NaN, null, [], nested, true],
  bool: ['yes', 1, 0, null, {}, [], nested],
  label: [5, 'x'.repeat(101), 'a\u0000b', null, {}, [], nested, true],
  source: ['video', 5, '', null, {}, [], nested, true],
  predicted: ['abc', 5, null, [], nested, true, { number: '1' }, { boxes: [] }],
};

/** Every field of a record, by path, with the kind of value it holds. */
const fields: Array<[path: Array<string | number>, kind: string]> = [
  [['id'], 'id'],
  [['file'], 'file'],
  [['width'], 'side'],
  [['height'], 'side'],
  [['number'], 'number'],
  [['boxes'], 'list'],
  [['boxes', 0], 'box'],
  ...(['digit', 'x', 'y', 'w', 'h'] as const).map((k): [Array<string | number>, string] => [
    ['boxes', 1, k],
    k === 'digit' ? 'digit' : k === 'x' || k === 'y' ? 'coordinate' : 'extent',
  ]),
  [['confirmed'], 'bool'],
  [['time'], 'time'],
  [['modelVersion'], 'label'],
  [['backend'], 'label'],
  [['source'], 'source'],
  [['predicted'], 'predicted'],
  [['predicted', 'number'], 'reading'],
  [['predicted', 'boxes'], 'list'],
  [['predicted', 'boxes', 1], 'box'],
  ...(['digit', 'score', 'x', 'y', 'w', 'h'] as const).map((k): [Array<string | number>, string] => [
    ['predicted', 'boxes', 0, k],
    k === 'digit' ? 'digit' : k === 'score' ? 'score' : k === 'x' || k === 'y' ? 'coordinate' : 'extent',
  ]),
];

function mutate(record: Obj, path: Array<string | number>, value: Bad): Obj {
  const copy = JSON.parse(JSON.stringify(record)) as Obj;
  let at: Json = copy;
  for (const key of path.slice(0, -1)) at = (at as Record<string | number, Json>)[key];
  const last = path[path.length - 1];
  if (value === MISSING) Reflect.deleteProperty(at as object, last);
  else (at as Record<string | number, Json>)[last] = value;
  return copy;
}

const show = (v: Bad): string => (v === MISSING ? 'missing' : (JSON.stringify(v)?.slice(0, 40) ?? String(v)));

/** One zip: the records as annotations.json, each id's image (a real JPEG unless given). */
function zipOf(records: Obj[], jpeg: Uint8Array, images: Record<string, Uint8Array> = {}): Blob {
  const files: Record<string, Uint8Array> = { 'annotations.json': strToU8(JSON.stringify(records)) };
  for (const r of records) {
    const id = typeof r.id === 'string' && /^[A-Za-z0-9_-]{1,80}$/.test(r.id) ? r.id : null;
    if (id) files[`images/${id}.jpg`] = images[id] ?? jpeg;
  }
  return new Blob([zipSync(files, { level: 0 }) as BlobPart], { type: 'application/zip' });
}

const fresh = freshHistory;
const done = closeHistory;

/** Everything that reads the history still works, and every stored record has the right types. */
async function historyStillWorks(store: CaptureStore, view: HistoryView, expected: number): Promise<void> {
  assertEqual(await store.count(), expected, 'captures stored');
  const all = await store.page(0, 10_000);
  assertEqual(all.length, expected, 'every stored capture is in the time index');
  for (const c of all) {
    assert(typeof c.reading === 'string' && /^\d*$/.test(c.reading), `reading of ${c.id}: ${String(c.reading)}`);
    assert(Number.isFinite(c.time), `time of ${c.id}`);
    assert(
      Array.isArray(c.predictions) && c.predictions.every((b) => Number.isInteger(b.digit) && b.digit >= 0 && b.digit <= 9),
      `predictions of ${c.id}`,
    );
  }
  // Search, through the view as the user types.
  const hits = await store.page(0, 10_000, '1');
  for (const c of hits) {
    const corrected = (await store.getCorrection(c.id))?.reading ?? '';
    assert(c.reading.includes('1') || corrected.includes('1'), `search result ${c.id} has a 1, as read or corrected`);
  }
  view.query = '1';
  await view.reload();
  await view.updateComplete;
  assertEqual(view.items.length, Math.min(30, hits.length), 'the view searches too');
  view.query = '';
  await view.reload();
  // Statistics.
  await view.showStats();
  assert(view.stats, 'stats computed');
  assert(
    view.stats.confusion.flat().every((n) => Number.isInteger(n) && n >= 0),
    'confusion counts are counts',
  );
  assertEqual(
    view.stats.versions.reduce((n, v) => n + v.captures, 0),
    expected,
    'stats count every capture',
  );
  // Review data: every capture with its correction opens in the review screen.
  const reviewed = await store.reviewed();
  for (const { capture, correction } of reviewed.slice(0, 5)) {
    const review = document.createElement('capture-review');
    Object.assign(review, { capture, correction, store });
    document.body.append(review);
    await review.updateComplete;
    review.remove();
  }
  // Export: everything reviewed goes out, and the file imports cleanly.
  if (reviewed.length) {
    const file = await view.exportDataset('download');
    assert(file, `export produced a file (${view.message})`);
    assert(new RegExp(`^Exported ${reviewed.length} `).test(view.message), `export message: ${view.message}`);
    const unzipped = unzipSync(new Uint8Array(await file.arrayBuffer()));
    const records = JSON.parse(new TextDecoder().decode(unzipped['annotations.json'])) as unknown[];
    assertEqual(records.length, reviewed.length, 'every reviewed capture exported');
  }
}

describe('import validation: every record checked as a whole, every refusal named', () => {
  let jpeg: Uint8Array;
  before(async () => {
    jpeg = await makeJpeg();
  });

  it('refuses the records from the issue and names them; search, stats and export keep working', async () => {
    const { store, view } = await fresh('digit-lens-import-issue');
    const cases: Array<[Obj, RegExp]> = [
      [mutate(good('n5'), ['predicted', 'number'], 5), /predicted\.number/],
      [mutate(good('d42'), ['predicted', 'boxes', 0, 'digit'], 42), /predicted\.boxes\[0\]\.digit/],
      [mutate(good('abc'), ['predicted', 'boxes'], 'abc'), /predicted\.boxes must be a list/],
      [mutate(good('t'), ['time'], {}), /time must be/],
    ];
    for (const [bad, problem] of cases) {
      await view.importDataset(zipOf([good(`ok-${String(bad.id)}`), bad], jpeg));
      const m = view.message;
      assert(/^Imported 1, skipped 0 already here\./.test(m), `one good record imported: ${m}`);
      assert(new RegExp(`Refused 1 invalid: record 2 \\(id ${String(bad.id)}\\): `).test(m), `bad record named: ${m}`);
      assert(problem.test(m), `problem named (${problem}): ${m}`);
      assert(!(await store.get(String(bad.id))), `${String(bad.id)} not stored`);
    }
    await historyStillWorks(store, view, 4);
    done(store, view);
  });

  it('refuses a record with any one field wrong (type, missing, NaN, negative, huge, nested)', async () => {
    const { store, view } = await fresh('digit-lens-import-fields');
    let n = 0;
    let imported = 0;
    for (const [path, kind] of fields) {
      for (const value of badValues[kind]) {
        const id = `m${n++}`;
        const bad = mutate(good(id), path, value);
        await view.importDataset(zipOf([bad], jpeg));
        const m = view.message;
        const what = `${path.join('.')} = ${show(value)}`;
        assert(/^Imported 0, skipped 0 already here\. Refused 1 invalid: record 1/.test(m), `${what}: ${m}`);
        // Named by the field that is wrong, as a path into the record: "predicted.boxes[0].digit".
        const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
        assert(m.includes(`: ${field}`), `${what}: field ${field} not named: ${m}`);
      }
    }
    // Optional fields may be absent: the record is then imported with defaults.
    for (const key of ['confirmed', 'time', 'modelVersion', 'backend', 'source', 'predicted']) {
      const id = `opt-${key}`;
      await view.importDataset(zipOf([mutate(good(id), [key], MISSING)], jpeg));
      assert(/^Imported 1, skipped 0 already here\.$/.test(view.message), `without ${key}: ${view.message}`);
      imported++;
    }
    const noPredicted = await store.get('opt-predicted');
    assertEqual(noPredicted?.reading, '', 'no prediction: empty reading');
    assert(Math.abs((await store.get('opt-time'))!.time - Date.now()) < 60_000, 'no time: now');
    await historyStillWorks(store, view, imported);
    done(store, view);
  });

  it('stays consistent under random deep mutations (seeded)', async () => {
    const { store, view } = await fresh('digit-lens-import-random');
    let seed = 20240611;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
    const pool: Bad[] = Object.values(badValues).flat();
    let stored = 0;
    for (let i = 0; i < 60; i++) {
      const id = `r${i}`;
      let record = good(id, String(Math.floor(rand() * 1000)));
      for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
        const [path] = pick(fields);
        // Paths into a box survive only while the box does; mutate() walks what is there.
        try {
          record = mutate(record, path, pick(pool));
        } catch {
          // the parent was replaced by a non-object earlier: leave it
        }
      }
      const before = await store.count();
      await view.importDataset(zipOf([good(`g${i}`), record], jpeg));
      const m = view.message;
      const stored1 = (await store.count()) - before;
      assert(stored1 === 1 || stored1 === 2, `${m}`);
      if (stored1 === 1)
        assert(/Refused 1 invalid: record 2/.test(m), `refused and named: ${m} (${JSON.stringify(record).slice(0, 200)})`);
      else assert(/^Imported 2, skipped 0 already here\.$/.test(m), m);
      stored += stored1;
    }
    await historyStillWorks(store, view, stored);
    done(store, view);
  });

  it('names images that cannot be decoded instead of dropping them unsaid', async () => {
    const { store, view } = await fresh('digit-lens-import-undecodable');
    const broken = strToU8('this is not a jpeg at all');
    const records = [good('fine'), good('broken'), mutate(good('wide'), ['width'], -1), good('also-broken')];
    await view.importDataset(zipOf(records, jpeg, { broken, 'also-broken': broken }));
    const m = view.message;
    assert(/^Imported 1, skipped 0 already here\./.test(m), m);
    // Listed in file order, whichever check refused them.
    assert(
      /Refused 3 invalid: record 2 \(id broken\): images\/broken\.jpg .*decoded; record 3 \(id wide\): width .*; record 4 \(id also-broken\)/.test(
        m,
      ),
      m,
    );
    assertEqual(await store.count(), 1);
    done(store, view);
  });

  it('says storage is full when the browser runs out of space, and stores nothing', async () => {
    const { store, view } = await fresh('digit-lens-import-quota');
    const add = IDBObjectStore.prototype.add;
    // What Chromium throws when the quota is reached: a DOMException with an empty message.
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('', 'QuotaExceededError');
    };
    try {
      await view.importDataset(zipOf([good('q1'), good('q2')], jpeg));
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    assert(/^Import failed: storage is full/.test(view.message), view.message);
    assert(/nothing was imported/.test(view.message), view.message);
    assertEqual(await store.count(), 0);
    done(store, view);
  });
});

const capture = (id: string, time: number): CaptureRecord => captureRecord(id, { time });

describe('records damaged before imports were checked', () => {
  it('are passed over by search and statistics, and left out of an export by name', async () => {
    const { store, view } = await fresh('digit-lens-damaged');
    await store.add(capture('fine', 1000));
    await store.saveCorrection({ captureId: 'fine', reading: '12', boxes: [], confirmed: true, time: 1000 });
    // Written straight into the database, as the unchecked importer used to.
    const damaged: Array<Record<string, unknown>> = [
      { ...capture('n5', 1001), reading: 5 },
      { ...capture('d42', 1002), predictions: [{ digit: 42, score: 1, x: 0, y: 0, w: 1, h: 1 }] },
      { ...capture('abc', 1003), predictions: 'abc' },
    ];
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('digit-lens-damaged');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['captures', 'corrections'], 'readwrite');
    for (const c of damaged) {
      tx.objectStore('captures').put(c);
      tx.objectStore('corrections').put({ captureId: c.id, reading: '1', boxes: [], confirmed: false, time: 5 });
    }
    await new Promise((r) => (tx.oncomplete = r));
    db.close();

    // "2" is in every reading "12" and in no correction ("1"): n5's reading is a number, passed over.
    const hits = (await store.page(0, 100, '2')).map((c) => c.id).join();
    assertEqual(hits, 'abc,d42,fine', 'search passes over the non-string reading');
    await view.showStats();
    assertEqual(view.stats?.versions[0].captures, 4, 'stats count every capture');
    const file = await view.exportDataset('download');
    assert(file, view.message);
    assert(/^Exported 1 capture \(1 reviewed\)\. Left out 3 damaged: /.test(view.message), view.message);
    assert(/capture n5: predicted\.number/.test(view.message), view.message);
    assert(/capture d42: predicted\.boxes\[0\]\.digit/.test(view.message), view.message);
    assert(/capture abc: predicted\.boxes must be a list/.test(view.message), view.message);
    done(store, view);
  });
});

describe('the "keep at most" limit and import', () => {
  let jpeg: Uint8Array;
  before(async () => {
    jpeg = await makeJpeg();
  });

  it('imports only what fits, says how many were not imported and why, and the next capture removes only its own overflow', async () => {
    const { store, view } = await fresh('digit-lens-import-limit');
    await store.setMaxCaptures(5);
    for (let i = 0; i < 3; i++) await store.add(capture(`old${i}`, 1000 + i));
    const records = [0, 1, 2, 3].map((i) => ({ ...good(`imp${i}`), time: 2000 + i }));
    await view.importDataset(zipOf(records, jpeg));
    const m = view.message;
    assert(/^Imported 2, skipped 0 already here\./.test(m), m);
    assert(/2 not imported: History keeps at most 5 captures \(change it in Settings/.test(m), m);
    assertEqual(await store.count(), 5, 'the limit holds after import');

    // The next capture makes one too many: exactly one (the oldest unreviewed) goes, and it says so.
    const r = await store.add(capture('next', 9000));
    assertEqual(r?.removed, 1, 'one removed');
    assertEqual(r?.limit, 5);
    assertEqual(await store.count(), 5);
    assert(!(await store.get('old0')), 'the oldest unreviewed capture made room');
    for (const id of ['imp0', 'imp1']) assert(await store.get(id), `imported ${id} kept`);

    // A lower limit set meanwhile: the capture removes more, and reports how many.
    await store.setMaxCaptures(3);
    const r2 = await store.add(capture('after', 9500));
    assertEqual(r2?.removed, 3, 'removal reported, not silent');
    assertEqual(await store.count(), 3);

    // Importing into a full history: nothing purged, nothing imported, all of it said.
    await view.importDataset(zipOf([good('late1'), good('late2')], jpeg));
    assert(/^Imported 0, skipped 0 already here\. 2 not imported: History keeps at most 3/.test(view.message), view.message);
    assertEqual(await store.count(), 3);
    done(store, view);
  });
});
