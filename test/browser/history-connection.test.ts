/**
 * The history's connection when something outside this page acts on the database: site data
 * cleared while the app runs (the browser closes the connection, or deletes the database), and
 * another tab that needs a newer schema, or holds an older one open.
 */
import type { IDBPDatabase } from 'idb';
import {
  BLOCKED_MESSAGE,
  CaptureStore,
  HistoryUnavailableError,
  OUTDATED_MESSAGE,
  type HistoryState,
} from '../../src/history/capture-store.js';
import { DB_VERSION, type CaptureRecord } from '../../src/history/schema.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { captureRecord, idbRequest } from '../helpers/records.js';

const capture = (id: string): CaptureRecord => captureRecord(id);

const request = idbRequest;

/** Resolves with what the promise gives, or fails the test once `ms` have passed. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<never>((_, rej) => setTimeout(() => rej(new Error(`${what}: still waiting after ${ms} ms`)), ms)),
  ]);
}

async function until(ok: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!ok()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  return null;
}

async function fresh(name: string): Promise<void> {
  await new Promise((r) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = r;
  });
}

describe('history connection: site data cleared while the app runs', () => {
  it('a connection closed under the store is reopened once: the next capture is saved, not "connection is closing"', async () => {
    const name = 'digit-lens-conn-closed';
    await fresh(name);
    const store = await CaptureStore.open(name);
    await store.add(capture('before'));
    // What clearing site data leaves behind: the store's connection closed under it.
    // (The connection sits in the store's HistoryConnection: look one level down too.)
    const db = [store, ...Object.values(store)]
      .flatMap((o) => (o && typeof o === 'object' ? Object.values(o) : []))
      .find(
        (v): v is IDBPDatabase =>
          !!v && typeof (v as IDBPDatabase).transaction === 'function' && typeof (v as IDBPDatabase).close === 'function',
      );
    assert(db, 'the store holds a connection');
    db.close();
    await store.add(capture('after'));
    assert(await store.get('after'), 'the capture after is stored');
    assertEqual(await store.count(), 2);
    store.close();
  });

  it('deleting the database (site data cleared) does not wait on an open store, and the next capture goes into a fresh one', async () => {
    const name = 'digit-lens-conn-deleted';
    await fresh(name);
    const states: HistoryState[] = [];
    const store = await CaptureStore.open(name, (s) => states.push(s));
    await store.add(capture('old'));
    await within(request(indexedDB.deleteDatabase(name)), 5_000, 'deleting the database');
    await store.add(capture('new'));
    assertEqual(await store.count(), 1, 'a fresh database with the new capture only');
    assert(await store.get('new'), 'the new capture is stored');
    assertEqual(states.join(), '', 'nothing for the user to do: no reload asked');
    store.close();
  });
});

describe('history connection: two tabs, two schema versions', () => {
  it('the old tab lets go of the database for a newer one and says to reload; the new one opens at once', async () => {
    const name = 'digit-lens-conn-upgrade';
    await fresh(name);
    const old: HistoryState[] = [];
    const a = CaptureStore.connect(name, (s) => old.push(s));
    await a.add(capture('a1'));
    const newer: HistoryState[] = [];
    const b = await within(
      CaptureStore.open(name, (s) => newer.push(s), DB_VERSION + 1),
      5_000,
      'the newer tab opening',
    );
    assertEqual(await b.count(), 1, 'the newer tab sees the history');
    assertEqual(old.join(), 'outdated', 'the old tab was told');
    assertEqual(newer.join(), '', 'the newer tab never waited');
    const e = await rejection(a.add(capture('a2')));
    assert(e instanceof HistoryUnavailableError && e.message === OUTDATED_MESSAGE, `old tab's capture: ${String(e)}`);
    b.close();
    a.close();
  });

  it('a newer tab blocked by an old tab that does not let go says why, fails fast, and opens once it is closed', async () => {
    const name = 'digit-lens-conn-blocked';
    await fresh(name);
    (await CaptureStore.open(name)).close();
    // An old app version: holds the database and ignores versionchange.
    const held = await request(indexedDB.open(name, DB_VERSION));
    const states: HistoryState[] = [];
    const b = CaptureStore.connect(name, (s) => states.push(s), DB_VERSION + 1);
    await until(() => states.includes('blocked'), 'the blocked state');
    const t0 = performance.now();
    const e = await rejection(b.add(capture('b1')));
    assert(e instanceof HistoryUnavailableError && e.message === BLOCKED_MESSAGE, `blocked capture: ${String(e)}`);
    assert(performance.now() - t0 < 1000, 'fails at once instead of hanging');
    held.close();
    await until(() => states.includes('open'), 'the open state once the old tab is gone');
    await b.add(capture('b2'));
    assertEqual(await b.count(), 1);
    assertEqual(states.join(), 'blocked,open');
    b.close();
  });
});
