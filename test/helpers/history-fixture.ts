import { CaptureStore } from '../../src/history/capture-store.js';
import '../../src/history/history-view.js';
import type { HistoryView } from '../../src/history/history-view.js';

/** A <history-view> on a new, empty database of its own (browser tests). */
export async function freshHistory(name: string): Promise<{ store: CaptureStore; view: HistoryView }> {
  await new Promise((r) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = r;
  });
  const store = await CaptureStore.open(name);
  const view = document.createElement('history-view');
  view.store = store;
  document.body.append(view);
  await view.updateComplete;
  return { store, view };
}

/** Removes the view and closes its database. */
export function closeHistory(store: CaptureStore, view: HistoryView): void {
  view.remove();
  store.close();
}
