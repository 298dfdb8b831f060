import type { IDBPDatabase } from 'idb';
import type { Entry } from './dataset-zip.js';
import { CAPTURE, CORRECTION, type HistoryDB } from './schema.js';
import { StorageFullError, isQuotaError } from './storage-full.js';

/** What an import did: added, already there, left out for the limit, refused as invalid. */
export interface ImportResult {
  added: number;
  skipped: number;
  /** New captures not imported because the history already holds `limit`. */
  overLimit: number;
  limit: number;
  refused: Array<{ id: string; problem: string }>;
}

/** Why an imported entry cannot be stored, or null: the capture, and its correction when it has one, checked whole. */
function problemOf({ capture, correction }: Entry): string | null {
  return (
    CAPTURE(capture, '') ??
    (correction === null
      ? null
      : (CORRECTION(correction, 'correction') ??
        (correction.captureId === capture.id ? null : 'correction.captureId does not match id')))
  );
}

/**
 * Adds imported captures, and the corrections of the reviewed ones, in one transaction: all of
 * them or none. Ids already present are skipped; each record is checked as a whole (CAPTURE,
 * CORRECTION) and refused, never stored, when anything in it is wrong; and the user's limit is
 * respected: once the history holds maxCaptures, the rest are left out and counted, so an import
 * never makes the next capture purge what was just imported. `signal` cancels: the transaction
 * is aborted and nothing stays (the promise rejects with the signal's reason).
 */
export async function importEntries(
  db: IDBPDatabase<HistoryDB>,
  items: Entry[],
  maxCaptures: number,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const result: ImportResult = { added: 0, skipped: 0, overLimit: 0, limit: maxCaptures, refused: [] };
  const tx = db.transaction(['captures', 'corrections'], 'readwrite');
  try {
    const captures = tx.objectStore('captures');
    let room = maxCaptures - (await captures.count());
    for (const item of items) {
      signal?.throwIfAborted();
      const problem = problemOf(item);
      if (problem) {
        result.refused.push({ id: String((item.capture as { id?: unknown })?.id), problem });
        continue;
      }
      if (await captures.getKey(item.capture.id)) {
        result.skipped++;
        continue;
      }
      if (room <= 0) {
        result.overLimit++;
        continue;
      }
      await captures.add(item.capture);
      if (item.correction) await tx.objectStore('corrections').put(item.correction);
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
}
