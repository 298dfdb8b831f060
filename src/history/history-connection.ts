import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type HistoryDB } from './schema.js';

/** What another tab, or the browser, did to this tab's connection to the history. */
export interface ConnectionEvents {
  /** Another tab holds an older version open: this open waits until it lets go. */
  blocked?: () => void;
  /** Another tab wants a newer version (`next`), or to delete the database (`next` null). */
  blocking?: (next: number | null, event: IDBVersionChangeEvent) => void;
  /** The browser closed the connection (site data cleared, disk error). */
  terminated?: () => void;
}

/**
 * Opens the history database, upgrading from any earlier schema version step by step. `version`
 * is DB_VERSION; a higher one is how tests play a newer app in another tab.
 */
export function openHistoryDb(
  name = DB_NAME,
  events: ConnectionEvents = {},
  version = DB_VERSION,
): Promise<IDBPDatabase<HistoryDB>> {
  return openDB<HistoryDB>(name, version, {
    upgrade(db, oldVersion) {
      // Each step upgrades from the version before it; a fresh database runs them all.
      if (oldVersion < 1) {
        const captures = db.createObjectStore('captures', { keyPath: 'id' });
        captures.createIndex('by-time', 'time');
        captures.createIndex('by-reading', 'reading');
        const corrections = db.createObjectStore('corrections', { keyPath: 'captureId' });
        corrections.createIndex('by-time', 'time');
      }
      if (oldVersion < 2) {
        // v2: user settings (how many captures to keep). Existing records are untouched.
        db.createObjectStore('settings');
      }
    },
    blocked: () => events.blocked?.(),
    blocking: (_current, next, event) => events.blocking?.(next, event),
    terminated: () => events.terminated?.(),
  });
}

/** Where the history stands for this tab: usable, waiting on an older tab, or replaced by a newer one. */
export type HistoryState = 'open' | 'blocked' | 'outdated';

export const BLOCKED_MESSAGE = 'Digit Lens is open in another tab with an older version — close it or reload it.';
export const OUTDATED_MESSAGE =
  'Digit Lens was updated in another tab: reload this page to keep saving captures and using History.';

/** The history cannot be used from this tab right now; the message says why and what to do. */
export class HistoryUnavailableError extends Error {
  override name = 'HistoryUnavailableError';
}

/** "The database connection is closing": the connection went away under a request. */
const isClosingError = (e: unknown): boolean => e instanceof DOMException && e.name === 'InvalidStateError';

/**
 * This tab's connection to the history database: opened on first use, never waiting on another
 * tab (requests fail at once with the reason while one blocks it), reopened after the browser
 * closes it, let go at once when another tab needs a newer schema. `onState` hears each change.
 */
export class HistoryConnection {
  private db: IDBPDatabase<HistoryDB> | null = null;
  private opening: Promise<IDBPDatabase<HistoryDB>> | null = null;
  /** Why the history is unusable from this tab, or null when it is usable (or will be once open). */
  private unavailable: 'blocked' | 'outdated' | 'closed' | null = null;
  /** Requests waiting for the connection; told at once when the open is blocked. */
  private readonly waiting = new Set<(e: Error) => void>();

  constructor(
    readonly name: string,
    private readonly onState: (state: HistoryState) => void,
    private readonly version: number,
  ) {}

  /** The open connection, or why the history cannot be used now. */
  connection(): Promise<IDBPDatabase<HistoryDB>> {
    if (this.unavailable === 'outdated') return Promise.reject(new HistoryUnavailableError(OUTDATED_MESSAGE));
    if (this.unavailable === 'closed') return Promise.reject(new HistoryUnavailableError('The history is closed.'));
    if (this.db) return Promise.resolve(this.db);
    this.opening ??= this.openConnection();
    if (this.unavailable === 'blocked') return Promise.reject(new HistoryUnavailableError(BLOCKED_MESSAGE));
    const opening = this.opening;
    return new Promise((resolve, reject) => {
      this.waiting.add(reject);
      opening.then(resolve, reject).finally(() => this.waiting.delete(reject));
    });
  }

  private async openConnection(): Promise<IDBPDatabase<HistoryDB>> {
    let db: IDBPDatabase<HistoryDB> | null = null;
    try {
      db = await openHistoryDb(
        this.name,
        {
          blocked: () => {
            // The open goes on waiting and finishes by itself once the other tab lets go.
            this.unavailable = 'blocked';
            this.onState('blocked');
            for (const reject of this.waiting) reject(new HistoryUnavailableError(BLOCKED_MESSAGE));
            this.waiting.clear();
          },
          blocking: (next, event) => {
            // Let go at once, so the other tab never waits on this one: it deletes the database
            // (site data cleared: reopen on the next request) or needs a newer schema (this tab
            // must reload to get the app that knows it).
            (event.target as IDBDatabase).close();
            if (this.db === db) this.db = null;
            if (next !== null && this.unavailable !== 'closed') {
              this.unavailable = 'outdated';
              this.onState('outdated');
            }
          },
          terminated: () => {
            if (this.db === db) this.db = null;
          },
        },
        this.version,
      );
    } catch (e) {
      this.opening = null;
      // A newer version is already on disk: this page is the old app.
      if (e instanceof DOMException && e.name === 'VersionError') {
        this.unavailable = 'outdated';
        this.onState('outdated');
        throw new HistoryUnavailableError(OUTDATED_MESSAGE);
      }
      if (this.unavailable === 'blocked') {
        // No longer waiting on the other tab: requests say what went wrong, and open again.
        this.unavailable = null;
        this.onState('open');
      }
      throw e;
    }
    this.opening = null;
    if (this.unavailable === 'closed') {
      db.close();
      throw new HistoryUnavailableError('The history is closed.');
    }
    this.db = db;
    if (this.unavailable === 'blocked') {
      this.unavailable = null;
      this.onState('open');
    }
    return db;
  }

  /**
   * Runs a request on the connection. When the connection went away under it ("The database
   * connection is closing": site data cleared while the app runs), reopens once and runs it again;
   * a request that failed that way wrote nothing.
   */
  async run<T>(request: (db: IDBPDatabase<HistoryDB>) => Promise<T>): Promise<T> {
    const db = await this.connection();
    try {
      return await request(db);
    } catch (e) {
      if (!isClosingError(e)) throw e;
      if (this.db === db) {
        this.db = null;
        db.close();
      }
      return request(await this.connection()); // or why the history cannot be used now
    }
  }

  /** Closes the connection for good: later requests reject. */
  close(): void {
    this.unavailable = 'closed';
    this.db?.close();
    this.db = null;
  }
}
