import '../../src/history/history-view.js';
import type { CaptureStore } from '../../src/history/capture-store.js';
import type { CaptureRecord } from '../../src/history/schema.js';
import { assertEqual, waitFor } from '../helpers/assert.js';
import { captureRecord } from '../helpers/records.js';

const capture = (id: string, time: number, reading: string): CaptureRecord => captureRecord(id, { time, reading });

/**
 * The part of CaptureStore that History's list reads, over a fixed set of captures. A page for a
 * one-character query (a long history scanned for a common prefix) is slow: it stays loading until
 * the test releases it, so "typed while a page was loading" holds however busy the machine is.
 */
function slowShortQueries(records: CaptureRecord[]): {
  store: CaptureStore;
  requested: string[];
  pending: () => number;
  release: () => void;
} {
  const requested: string[] = [];
  const held: Array<() => void> = [];
  let pending = 0;
  const store = {
    count: async () => records.length,
    ids: async () => records.map((c) => c.id),
    allCorrections: async () => [],
    page: async (offset: number, limit: number, query = '') => {
      requested.push(query);
      pending++;
      if (query.length === 1) await new Promise<void>((r) => held.push(r));
      pending--;
      return records.filter((c) => c.reading.startsWith(query)).slice(offset, offset + limit);
    },
  } as unknown as CaptureStore;
  return { store, requested, pending: () => pending, release: () => held.splice(0).forEach((r) => r()) };
}

describe('history search', () => {
  it('shows the results of the latest query when the user types faster than a page loads', async () => {
    const records = [capture('a', 3, '4721'), capture('b', 2, '4100'), capture('c', 1, '4733'), capture('d', 0, '812')];
    const view = document.createElement('history-view');
    const slow = slowShortQueries(records);
    view.store = slow.store;
    document.body.append(view);
    const readings = (): string[] =>
      [...view.shadowRoot!.querySelectorAll('[data-testid="history-reading"]')].map((e) => e.textContent!.trim());
    await waitFor(() => readings().length === 4, 'the unfiltered list');

    const input = view.shadowRoot!.querySelector<HTMLInputElement>('[data-testid="history-search"]')!;
    for (const typed of ['4', '47']) {
      input.value = typed;
      input.dispatchEvent(new Event('input'));
      await waitFor(() => slow.requested.includes(typed), `a page for "${typed}" asked for`);
    }
    // The next key came while the page of "4" was loading: that page arrives last, and must not
    // replace the results of "47".
    await waitFor(() => readings().join(',') === '4721,4733', 'the results of "47"');
    slow.release();
    await waitFor(() => slow.pending() === 0, 'every page answered');
    await view.updateComplete;
    assertEqual(readings().join(','), '4721,4733', `for "47" (query ${view.query})`);
    view.remove();
  });

  it('can still load further pages after a query was replaced mid-load', async () => {
    const records = Array.from({ length: 45 }, (_, i) => capture(`c${i}`, 100 - i, `5${String(i).padStart(2, '0')}`));
    const view = document.createElement('history-view');
    const slow = slowShortQueries(records);
    view.store = slow.store;
    document.body.append(view);
    const count = (): number =>
      Number(view.shadowRoot!.querySelector('[data-testid="history-list"]')?.getAttribute('data-count'));
    await waitFor(() => count() === 30, 'the first page');
    const input = view.shadowRoot!.querySelector<HTMLInputElement>('[data-testid="history-search"]')!;
    input.value = '5';
    input.dispatchEvent(new Event('input'));
    await waitFor(() => slow.requested.includes('5'), 'a page for "5" asked for');
    input.value = '';
    input.dispatchEvent(new Event('input'));
    await waitFor(() => slow.requested.filter((q) => q === '').length === 2 && count() === 30, 'the first page again');
    // The replaced page of "5" arrives now, and must not leave the list stuck "loading".
    slow.release();
    await waitFor(() => slow.pending() === 0, 'every page answered');
    await view.updateComplete;
    const list = view.shadowRoot!.querySelector<HTMLElement>('[data-testid="history-list"]')!;
    list.style.maxHeight = '200px';
    list.scrollTop = list.scrollHeight;
    list.dispatchEvent(new Event('scroll'));
    await waitFor(() => count() === 45, `the second page (have ${count()})`);
    view.remove();
  });
});
