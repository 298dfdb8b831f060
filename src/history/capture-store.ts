import { HistoryConnection, type HistoryState } from './history-connection.js';
import {
  CAPTURE,
  CORRECTION,
  DB_NAME,
  DB_VERSION,
  DEFAULT_SETTINGS,
  type CaptureRecord,
  type CaptureSummary,
  type CorrectionRecord,
  type Settings,
} from './schema.js';

/** Thrown when the browser refuses a write for lack of space; nothing already stored is lost. */
export class StorageFullError extends Error {
  override name = 'StorageFullError';
  constructor(
    message = 'Storage is full: this capture was not saved. Delete some captures (History) or free space on the device.',
  ) {
    super(message);
  }
}

/** The browser's "out of space" error, also when it comes wrapped (as an Error's cause). */
const isQuotaError = (e: unknown): boolean =>
  (e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED')) ||
  (e instanceof Error && e.cause !== undefined && e.cause !== e && isQuotaError(e.cause));

/** What an import did: added, already there, left out for the limit, refused as invalid. */
export interface ImportResult {
  added: number;
  skipped: number;
  /** New captures not imported because the history already holds `limit`. */
  overLimit: number;
  limit: number;
  refused: Array<{ id: string; problem: string }>;
}

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
    const [max, auto] = await this.conn.run((db) =>
      Promise.all([db.get('settings', 'maxCaptures'), db.get('settings', 'autoCapture')]),
    );
    return {
      maxCaptures: typeof max === 'number' ? max : DEFAULT_SETTINGS.maxCaptures,
      autoCapture: typeof auto === 'boolean' ? auto : DEFAULT_SETTINGS.autoCapture,
    };
  }

  async setAutoCapture(on: boolean): Promise<void> {
    await this.conn.run((db) => db.put('settings', on, 'autoCapture'));
  }

  async setMaxCaptures(n: number): Promise<void> {
    await this.conn.run((db) => db.put('settings', Math.max(1, Math.floor(n)), 'maxCaptures'));
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

  /**
   * A page of captures, newest first, optionally only those whose reading starts with `query`.
   * Walks the time index with a cursor so thousands of entries never load at once.
   */
  page(offset: number, limit: number, query = ''): Promise<CaptureRecord[]> {
    return this.conn.run(async (db) => {
      const out: CaptureRecord[] = [];
      let skipped = 0;
      let cursor = await db.transaction('captures').store.index('by-time').openCursor(null, 'prev');
      while (cursor && out.length < limit) {
        const { reading } = cursor.value;
        // A record damaged before imports were validated must not break the search for the rest.
        if (!query || (typeof reading === 'string' && reading.startsWith(query))) {
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

  /** Deletes a capture and its correction together. */
  async delete(id: string): Promise<void> {
    await this.conn.run((db) => {
      const tx = db.transaction(['captures', 'corrections'], 'readwrite');
      return Promise.all([tx.objectStore('captures').delete(id), tx.objectStore('corrections').delete(id), tx.done]);
    });
  }

  async clear(): Promise<void> {
    await this.conn.run((db) => {
      const tx = db.transaction(['captures', 'corrections'], 'readwrite');
      return Promise.all([tx.objectStore('captures').clear(), tx.objectStore('corrections').clear(), tx.done]);
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
   * Adds imported captures and corrections in one transaction: all of them or none. Ids already
   * present are skipped; each record is checked as a whole (CAPTURE, CORRECTION) and refused,
   * never stored, when anything in it is wrong; and the user's limit is respected: once the
   * history holds maxCaptures, the rest are left out and counted, so an import never makes the
   * next capture purge what was just imported. `signal` cancels: the transaction is aborted and
   * nothing stays (the promise rejects with the signal's reason).
   */
  async importReviewed(
    items: Array<{ capture: CaptureRecord; correction: CorrectionRecord }>,
    signal?: AbortSignal,
  ): Promise<ImportResult> {
    const { maxCaptures } = await this.settings();
    signal?.throwIfAborted();
    return this.conn.run(async (db) => {
      const result: ImportResult = { added: 0, skipped: 0, overLimit: 0, limit: maxCaptures, refused: [] };
      const tx = db.transaction(['captures', 'corrections'], 'readwrite');
      try {
        const captures = tx.objectStore('captures');
        let room = maxCaptures - (await captures.count());
        for (const { capture, correction } of items) {
          signal?.throwIfAborted();
          const problem =
            CAPTURE(capture, '') ??
            CORRECTION(correction, 'correction') ??
            (correction.captureId === capture.id ? null : 'correction.captureId does not match id');
          if (problem) {
            result.refused.push({ id: String((capture as { id?: unknown })?.id), problem });
            continue;
          }
          if (await captures.getKey(capture.id)) {
            result.skipped++;
            continue;
          }
          if (room <= 0) {
            result.overLimit++;
            continue;
          }
          await captures.add(capture);
          await tx.objectStore('corrections').put(correction);
          result.added++;
          room--;
        }
        signal?.throwIfAborted();
        await tx.done;
        return result;
      } catch (e) {
        // Nothing of a failed import stays: abort whatever is still open, then name the cause.
        try {
          tx.abort();
        } catch {
          // already aborted or finished
        }
        await tx.done.catch(() => undefined);
        if (isQuotaError(e) || isQuotaError(tx.error)) {
          throw new StorageFullError(
            'Import failed: storage is full, so nothing was imported. Delete some captures (History) or free space on the device.',
          );
        }
        throw e;
      }
    });
  }
  /** Closes the connection for good: later requests reject. */
  close(): void {
    this.conn.close();
  }
}
