/**
 * Delete all deletes the captures History showed, and only those: one saved meanwhile from
 * another tab stays. The message gives the real count, and Undo brings every one back.
 */
import { CaptureStore } from '../../src/history/capture-store.js';
import type { HistoryView } from '../../src/history/history-view.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';
import { captureRecord } from '../helpers/records.js';

const testId = (view: HistoryView, id: string): HTMLElement | null =>
  view.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('Delete all', () => {
  it('deletes what was shown; a capture saved from another tab meanwhile survives; Undo restores them all', async () => {
    const name = 'digit-lens-delete-all';
    const { store, view } = await freshHistory(name);
    view.undoMs = 60_000; // the offer must not expire by itself while the test looks at it
    await store.add(captureRecord('a', { reading: '105', time: 2000 }));
    await store.add(captureRecord('b', { reading: '403', time: 1000 }));
    await store.saveCorrection({ captureId: 'b', reading: '408', boxes: [], confirmed: false, time: 1500 });
    await view.reload();
    await waitFor(() => view.items.length === 2, 'both listed');

    testId(view, 'history-delete-all')!.click();
    await view.updateComplete;
    assertEqual(testId(view, 'history-delete-all-confirm')!.textContent!.trim(), 'Delete 2');
    // Another tab saves a capture while this one asks for confirmation.
    const otherTab = await CaptureStore.open(name);
    await otherTab.add(captureRecord('c', { reading: '77', time: 3000 }));
    testId(view, 'history-delete-all-confirm')!.click();

    const offer = await waitFor(() => testId(view, 'history-undo'), 'the Undo offer');
    assert(/^Deleted all 2 captures\./.test(offer.textContent!.trim()), offer.textContent!);
    await waitFor(async () => (await store.count()) === 1, 'only the captures shown deleted');
    assert(!!(await store.get('c')), "the other tab's capture survives");
    await waitFor(() => view.items.map((c) => c.id).join() === 'c', 'listed');

    testId(view, 'history-undo-button')!.click();
    await waitFor(async () => (await store.count()) === 3, 'all restored');
    assertEqual((await store.getCorrection('b'))?.reading, '408', 'with their corrections');
    await waitFor(() => view.items.length === 3, 'all listed again');
    otherTab.close();
    closeHistory(store, view);
  });
});
