import '../../src/history/history-view.js';
import type { CaptureStore } from '../../src/history/capture-store.js';
import type { CaptureRecord } from '../../src/history/schema.js';
import { assertEqual, waitFor } from '../helpers/assert.js';
import { captureRecord } from '../helpers/records.js';

const capture = (id: string, time: number, reading: string): CaptureRecord => captureRecord(id, { time, reading });

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * The part of CaptureStore that History's list reads, over a fixed set of captures; a page for a
 * one-character query is slow (a long history scanned for a common prefix), a longer one fast.
 */
function slowShortQueries(records: CaptureRecord[]): CaptureStore {
  return {
    count: async () => records.length,
    allCorrections: async () => [],
    page: async (offset: number, limit: number, query = '') => {
      await sleep(query.length === 1 ? 400 : 10);
      return records.filter((c) => c.reading.startsWith(query)).slice(offset, offset + limit);
    },
  } as unknown as CaptureStore;
}

describe('history search', () => {
  it('shows the results of the latest query when the user types faster than a page loads', async () => {
    const records = [capture('a', 3, '4721'), capture('b', 2, '4100'), capture('c', 1, '4733'), capture('d', 0, '812')];
    const view = document.createElement('history-view');
    view.store = slowShortQueries(records);
    document.body.append(view);
    const readings = (): string[] =>
      [...view.shadowRoot!.querySelectorAll('[data-testid="history-reading"]')].map((e) => e.textContent!.trim());
    await waitFor(() => readings().length === 4, 'the unfiltered list');

    const input = view.shadowRoot!.querySelector<HTMLInputElement>('[data-testid="history-search"]')!;
    for (const typed of ['4', '47']) {
      input.value = typed;
      input.dispatchEvent(new Event('input'));
      await sleep(30); // the next key comes while the first query's page is still loading
    }
    // Long enough for the slow page of "4" to arrive too: it must not replace the results of "47".
    await sleep(800);
    await view.updateComplete;
    assertEqual(readings().join(','), '4721,4733', `for "47" (query ${view.query})`);
    view.remove();
  });

  it('can still load further pages after a query was replaced mid-load', async () => {
    const records = Array.from({ length: 45 }, (_, i) => capture(`c${i}`, 100 - i, `5${String(i).padStart(2, '0')}`));
    const view = document.createElement('history-view');
    view.store = slowShortQueries(records);
    document.body.append(view);
    const count = (): number =>
      Number(view.shadowRoot!.querySelector('[data-testid="history-list"]')?.getAttribute('data-count'));
    await waitFor(() => count() === 30, 'the first page');
    const input = view.shadowRoot!.querySelector<HTMLInputElement>('[data-testid="history-search"]')!;
    input.value = '5';
    input.dispatchEvent(new Event('input'));
    await sleep(30);
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await waitFor(() => count() === 30, 'the first page again');
    await sleep(600); // the replaced slow page arrives and must not leave the list stuck "loading"
    const list = view.shadowRoot!.querySelector<HTMLElement>('[data-testid="history-list"]')!;
    list.style.maxHeight = '200px';
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await waitFor(() => count() === 45, `the second page (have ${count()})`);
    view.remove();
  });
});
