/**
 * Personal models in IndexedDB, in a database of their own (the history's schema is untouched):
 * each with its weights and figures, which one is in use, and a marker while learning runs (so a
 * reload mid-run is noticed and said).
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { sha256Hex } from '../offline/model-cache.js';
import type { GlyphWeights } from './glyph-model.js';
import type { LearnResult } from './protocol.js';

export const PERSONAL_DB = 'digit-lens-personal';
/** The detection worker listens here for a change of personal model. */
export const PERSONAL_CHANNEL = 'digit-lens-personal';

export interface PersonalModel extends Omit<LearnResult, 'weights' | 'peakTensorBytes' | 'heapBytes'> {
  /** 1, 2, …: "v3 + personal 2". */
  id: number;
  /** The shipped model it was learned on top of. */
  baseVersion: string;
  created: number;
  weights: GlyphWeights;
  /** SHA-256 of weights.data when stored: checked before each use. */
  sha256: string;
}

export type PersonalSummary = Omit<PersonalModel, 'weights' | 'trial'>;

interface PersonalDB extends DBSchema {
  models: { key: number; value: PersonalModel };
  state: { key: string; value: number | { started: number } };
}

/** Said on the main screen and in Settings when the worker switched a personal model off. */
export const PERSONAL_DROPPED = 'Your personal model could not be used and was switched off — the shipped model reads.';

export const personalName = (m: Pick<PersonalModel, 'id' | 'baseVersion'>): string => `${m.baseVersion} + personal ${m.id}`;

/** Thrown when the browser refuses to store a personal model for lack of space. */
export class PersonalStorageFullError extends Error {
  override name = 'PersonalStorageFullError';
  constructor() {
    super(
      'Not enough storage to keep the personal model. Delete some captures (History) or free space on the device, then learn again.',
    );
  }
}

const isQuotaError = (e: unknown): boolean =>
  (e instanceof DOMException && (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED')) ||
  (e instanceof Error && e.cause !== undefined && e.cause !== e && isQuotaError(e.cause));

export class PersonalStore {
  private constructor(private readonly db: IDBPDatabase<PersonalDB>) {}

  static async open(name = PERSONAL_DB): Promise<PersonalStore> {
    const db = await openDB<PersonalDB>(name, 1, {
      upgrade(d) {
        d.createObjectStore('models', { keyPath: 'id' });
        d.createObjectStore('state');
      },
      // Another tab or the detection worker may hold it open: let go when a newer version wants it.
      blocking() {
        db.close();
      },
    });
    return new PersonalStore(db);
  }

  /** Every personal model without its weights, newest first. */
  async list(): Promise<PersonalSummary[]> {
    const all = await this.db.getAll('models');
    return all.map(({ weights: _weights, trial: _trial, ...rest }) => rest).sort((a, b) => b.id - a.id);
  }

  get(id: number): Promise<PersonalModel | undefined> {
    return this.db.get('models', id);
  }

  /** Stores a new personal model and makes it the one in use, in one transaction. */
  async add(result: LearnResult, baseVersion: string): Promise<PersonalModel> {
    // Hashed before the transaction: an await on anything else would end it.
    const sha256 = await sha256Hex(result.weights.data);
    try {
      const tx = this.db.transaction(['models', 'state'], 'readwrite');
      const last = await tx.objectStore('models').openCursor(null, 'prev');
      const { weights, trial, threshold, heldOut, shippedCorrect, personalCorrect, trainGlyphs, replayGlyphs, ms, backend } =
        result;
      const model: PersonalModel = {
        id: (last?.value.id ?? 0) + 1,
        baseVersion,
        created: Date.now(),
        weights,
        sha256,
        trial,
        threshold,
        heldOut,
        shippedCorrect,
        personalCorrect,
        trainGlyphs,
        replayGlyphs,
        ms,
        backend,
      };
      await tx.objectStore('models').add(model);
      await tx.objectStore('state').put(model.id, 'active');
      await tx.objectStore('state').delete('dropped');
      await tx.done;
      return model;
    } catch (e) {
      if (isQuotaError(e)) throw new PersonalStorageFullError();
      throw e;
    }
  }

  async active(): Promise<number | null> {
    const v = await this.db.get('state', 'active');
    return typeof v === 'number' ? v : null;
  }

  /** Which personal model reads, or null for the shipped model alone: the user's choice (a set-aside one is forgotten). */
  async setActive(id: number | null): Promise<void> {
    const tx = this.db.transaction('state', 'readwrite');
    if (id === null) await tx.store.delete('active');
    else await tx.store.put(id, 'active');
    await tx.store.delete('dropped');
    await tx.done;
  }

  /** The personal model that failed its checks and was switched off, for Settings to say so. */
  async dropped(): Promise<number | null> {
    const v = await this.db.get('state', 'dropped');
    return typeof v === 'number' ? v : null;
  }

  /** Switches off a personal model that failed its checks (the shipped model reads alone), and marks it. */
  async setAside(id: number): Promise<void> {
    const tx = this.db.transaction('state', 'readwrite');
    if ((await tx.store.get('active')) === id) await tx.store.delete('active');
    await tx.store.put(id, 'dropped');
    await tx.done;
  }

  async delete(id: number): Promise<void> {
    const tx = this.db.transaction(['models', 'state'], 'readwrite');
    await tx.objectStore('models').delete(id);
    for (const key of ['active', 'dropped'])
      if ((await tx.objectStore('state').get(key)) === id) await tx.objectStore('state').delete(key);
    await tx.done;
  }

  /** The marker of a run in progress: set at its start, cleared at its end (whatever the end). */
  async job(): Promise<{ started: number } | null> {
    const v = await this.db.get('state', 'job');
    return typeof v === 'object' && v !== null ? v : null;
  }

  async setJob(on: boolean): Promise<void> {
    if (on) await this.db.put('state', { started: Date.now() }, 'job');
    else await this.db.delete('state', 'job');
  }

  close(): void {
    this.db.close();
  }
}

/** Tells the detection worker (and other tabs) that the personal model in use changed. */
export function announcePersonalChange(): void {
  const ch = new BroadcastChannel(PERSONAL_CHANNEL);
  ch.postMessage('changed');
  ch.close();
}
