import { HistoryConnection, type HistoryState } from './history-connection.js';
import {
  DB_NAME,
  DB_VERSION,
  DEFAULT_SETTINGS,
  type CaptureRecord,
  type CaptureSummary,
  type CorrectionRecord,
  type Settings,
} from './schema.js';
import type { Entry } from './dataset-zip.js';
import { importEntries, type ImportResult } from './import-entries.js';
import { StorageFullError, isQuotaError } from './storage-full.js';

export { StorageFullError, type ImportResult };

export {
  BLOCKED_MESSAGE,
  HistoryUnavailableError,
  OUTDATED_MESSAGE,
  openHistoryDb,
  type ConnectionEvents,
  type HistoryState,
} from './history-connection.js';

/** Captures (image + predictions + model version + timings), newest first. */
export class CaptureStore {
  private readonly conn: HistoryConnection;

  private constructor(
    readonly name: string,
    onState: (state: HistoryState) => void,
    version: number,
  ) {
    this.conn = new HistoryConnection(name, onState, version);
  }

  /** Opens the history; rejects with HistoryUnavailableError while another tab blocks it. */
  static async open(name = DB_NAME, onState: (state: HistoryState) => void = () => undefined, version = DB_VERSION) {
    const store = new CaptureStore(name, onState, version);
    await store.conn.connection();
    return store;
  }

  /**
   * The history for the app: returned at once, connecting in the background, so nothing waits on
   * a blocked open. `onState` hears when another tab blocks it, when this tab must reload for a
   * newer version, and when it is usable again. A connection the browser closes (site data
   * cleared) is reopened on the next request.
   */
  static connect(name = DB_NAME, onState: (state: HistoryState) => void = () => undefined, version = DB_VERSION) {
    const store = new CaptureStore(name, onState, version);
    store.conn.connection().catch(() => undefined); // says 'blocked' early; requests report their own errors
    return store;
  }

  async settings(): Promise<Settings> {
    const [max, auto, speak, speakDigits] = await this.conn.run((db) =>
      Promise.all(['maxCaptures', 'autoCapture', 'speak', 'speakDigits'].map((k) => db.get('settings', k))),
    );
    const flag = (v: unknown, d: boolean): boolean => (typeof v === 'boolean' ? v : d);
    return {
      maxCaptures: typeof max === 'number' ? max : DEFAULT_SETTINGS.maxCaptures,
      autoCapture: flag(auto, DEFAULT_SETTINGS.autoCapture),
      speak: flag(speak, DEFAULT_SETTINGS.speak),
      speakDigits: flag(speakDigits, DEFAULT_SETTINGS.speakDigits),
    };
  }

  async setAutoCapture(on: boolean): Promise<void> {
    await this.conn.run((db) => db.put('settings', on, 'autoCapture'));
  }

  /** Settings → Speak: whether to speak, and how ("digits": digit by digit). */
  async setSpeak(key: 'speak' | 'speakDigits', on: boolean): Promise<void> {
    await this.conn.run((db) => db.put('settings', on, key));
  }

  /** Throws a RangeError for anything but a whole number of 1 or more: a limit is never guessed. */
  async setMaxCaptures(n: number): Promise<void> {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`Keep at most must be a whole number of 1 or more, not ${n}`);
    await this.conn.run((db) => db.put('settings', n, 'maxCaptures'));
  }

  /**
   * Stores a capture in one transaction: it is either fully written or not at all. Beyond the
   * user's limit, the oldest uncorrected captures are removed in the same transaction (corrected
   * ones are the valuable training data and go last). Says how many were removed and the limit,
   * so the caller can tell the user: nothing disappears unsaid.
   */
  async add(capture: CaptureRecord): Promise<{ removed: number; limit: number }> {
    try {
      const { maxCaptures } = await this.settings();
      return await this.conn.run(async (db) => {
        let removed = 0;
        const tx = db.transaction(['captures', 'corrections'], 'readwrite');
        const captures = tx.objectStore('captures');
        const corrections = tx.objectStore('corrections');
        await captures.add(capture);
        let excess = (await captures.count()) - maxCaptures;
        for (const pass of ['uncorrected', 'any'] as const) {
          let cursor = excess > 0 ? await captures.index('by-time').openCursor() : null;
          while (cursor && excess > 0) {
            const id = cursor.value.id;
            if (id !== capture.id && (pass === 'any' || !(await corrections.get(id)))) {
              await cursor.delete();
              await corrections.delete(id);
              excess--;
              removed++;
            }
            cursor = await cursor.continue();
          }
        }
        await tx.done;
        return { removed, limit: maxCaptures };
      });
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError();
      throw e;
    }
  }

  get(id: string): Promise<CaptureRecord | undefined> {
    return this.conn.run((db) => db.get('captures', id));
  }

  count(): Promise<number> {
    return this.conn.run((db) => db.count('captures'));
  }

  /** The ids of every capture: what History shows, so that Delete all deletes those and no other. */
  ids(): Promise<string[]> {
    return this.conn.run((db) => db.getAllKeys('captures'));
  }

  /**
   * A page of captures, newest first, optionally only those whose number contains `query`
   * anywhere, as read or as corrected. Walks the time index with a cursor so thousands of
   * entries never load at once (the corrections, small and without images, are read whole).
   */
  page(offset: number, limit: number, query = ''): Promise<CaptureRecord[]> {
    return this.conn.run(async (db) => {
      const out: CaptureRecord[] = [];
      let skipped = 0;
      const tx = db.transaction(['captures', 'corrections']);
      const corrected = query
        ? new Map((await tx.objectStore('corrections').getAll()).map((c) => [c.captureId, c.reading]))
        : null;
      // A record damaged before imports were validated must not break the search for the rest.
      const has = (v: unknown): boolean => typeof v === 'string' && v.includes(query);
      let cursor = await tx.objectStore('captures').index('by-time').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        const { id, reading } = cursor.value;
        if (!query || has(reading) || has(corrected?.get(id))) {
          if (skipped >= offset) out.push(cursor.value);
          else skipped++;
        }
        cursor = await cursor.continue();
      }
      return out;
    });
  }

  /**
   * What the feedback statistics need of every capture, without its image: walked with a
   * cursor so a long history is never held in memory as full records.
   */
  summaries(): Promise<CaptureSummary[]> {
    return this.conn.run(async (db) => {
      const out: CaptureSummary[] = [];
      let cursor = await db.transaction('captures').store.openCursor();
      while (cursor) {
        const { id, modelVersion, predictions } = cursor.value;
        out.push({ id, modelVersion, predictions });
        cursor = await cursor.continue();
      }
      return out;
    });
  }

  /** Every capture, newest first, with its correction or null: a whole backup. */
  entries(): Promise<Entry[]> {
    return this.conn.run(async (db) => {
      const tx = db.transaction(['captures', 'corrections']);
      const corrections = new Map((await tx.objectStore('corrections').getAll()).map((c) => [c.captureId, c]));
      const captures = await tx.objectStore('captures').index('by-time').getAll();
      return captures.reverse().map((capture) => ({ capture, correction: corrections.get(capture.id) ?? null }));
    });
  }

  /** Puts deleted captures back as they were, with their corrections (an Undo); the limit is not applied. */
  async restore(entries: Entry[]): Promise<void> {
    try {
      await this.conn.run((db) => {
        const tx = db.transaction(['captures', 'corrections'], 'readwrite');
        const writes: Array<Promise<unknown>> = [];
        for (const { capture, correction } of entries) {
          writes.push(tx.objectStore('captures').put(capture));
          if (correction) writes.push(tx.objectStore('corrections').put(correction));
        }
        return Promise.all([...writes, tx.done]);
      });
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError();
      throw e;
    }
  }

  /** Deletes a capture and its correction together. */
  async delete(id: string): Promise<void> {
    await this.conn.run((db) => {
      const tx = db.transaction(['captures', 'corrections'], 'readwrite');
      return Promise.all([tx.objectStore('captures').delete(id), tx.objectStore('corrections').delete(id), tx.done]);
    });
  }

  /**
   * Deletes these captures with their corrections, in one transaction, and returns them whole
   * (for an Undo); a capture saved meanwhile (another tab) is not among them and stays.
   */
  deleteMany(ids: string[]): Promise<Entry[]> {
    return this.conn.run(async (db) => {
      const tx = db.transaction(['captures', 'corrections'], 'readwrite');
      const [captures, corrections] = [tx.objectStore('captures'), tx.objectStore('corrections')];
      const out: Entry[] = [];
      for (const id of ids) {
        const capture = await captures.get(id);
        if (!capture) continue; // deleted elsewhere meanwhile
        out.push({ capture, correction: (await corrections.get(id)) ?? null });
        await Promise.all([captures.delete(id), corrections.delete(id)]);
      }
      await tx.done;
      return out;
    });
  }

  /** Saves (or replaces) the user's correction of a capture; the original prediction is kept. */
  async saveCorrection(c: CorrectionRecord): Promise<void> {
    try {
      await this.conn.run(async (db) => {
        const tx = db.transaction(['captures', 'corrections'], 'readwrite');
        if (!(await tx.objectStore('captures').get(c.captureId))) throw new Error(`no capture ${c.captureId}`);
        await Promise.all([tx.objectStore('corrections').put(c), tx.done]);
      });
    } catch (e) {
      if (isQuotaError(e)) throw new StorageFullError();
      throw e;
    }
  }

  getCorrection(captureId: string): Promise<CorrectionRecord | undefined> {
    return this.conn.run((db) => db.get('corrections', captureId));
  }

  allCorrections(): Promise<CorrectionRecord[]> {
    return this.conn.run((db) => db.getAll('corrections'));
  }

  /** Every capture that has a correction (or confirmation), with it: the training data. */
  async reviewed(): Promise<Array<{ capture: CaptureRecord; correction: CorrectionRecord }>> {
    const out = [];
    for (const correction of await this.allCorrections()) {
      const capture = await this.get(correction.captureId);
      if (capture) out.push({ capture, correction });
    }
    return out;
  }

  /**
   * Adds imported captures (with their corrections, when reviewed) in one transaction: all of
   * them or none; see importEntries. `signal` cancels: nothing stays.
   */
  async importEntries(items: Entry[], signal?: AbortSignal): Promise<ImportResult> {
    const { maxCaptures } = await this.settings();
    signal?.throwIfAborted();
    return this.conn.run((db) => importEntries(db, items, maxCaptures, signal));
  }

  /** Closes the connection for good: later requests reject. */
  close(): void {
    this.conn.close();
  }
}
