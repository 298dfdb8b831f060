/** Deleting one capture can be undone for a few seconds: the record comes back intact, image and correction included. */
import type { HistoryView } from '../../src/history/history-view.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';
import { captureRecord } from '../helpers/records.js';

const testId = (view: HistoryView, id: string): HTMLElement | null =>
  view.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const bytes = async (b: Blob): Promise<string> => new Uint8Array(await b.arrayBuffer()).join();

describe('deleting one capture', () => {
  it('offers Undo, which restores the capture intact', async () => {
    const { store, view } = await freshHistory('digit-lens-undo');
    const image = new Blob([new Uint8Array([0xff, 0xd8, 1, 2, 3, 4, 5, 0xff, 0xd9])], { type: 'image/jpeg' });
    const original = captureRecord('u1', { reading: '304', time: 5000, image });
    const correction = { captureId: 'u1', reading: '3041', boxes: [], confirmed: false, time: 6000 };
    await store.add(original);
    await store.saveCorrection(correction);
    await store.add(captureRecord('u2', { reading: '9', time: 4000 }));
    await view.reload();
    await waitFor(() => view.items.length === 2, 'both listed');

    testId(view, 'history-delete')!.click();
    await waitFor(() => view.items.length === 1, 'the row goes at once');
    assertEqual(await store.get('u1'), undefined, 'deleted from the database');
    const toast = await waitFor(() => testId(view, 'history-undo'), 'an Undo offer');
    assert(/Deleted 3041/.test(toast.textContent!), `says what was deleted: ${toast.textContent}`);
    testId(view, 'history-undo-button')!.click();

    const back = await waitFor(() => store.get('u1'), 'the capture restored');
    assertEqual(await bytes(back.image), await bytes(image), 'the image is the same');
    assertEqual(back.time, original.time);
    assertEqual(back.reading, original.reading);
    assertEqual(JSON.stringify(await store.getCorrection('u1')), JSON.stringify(correction), 'the correction too');
    await waitFor(() => view.items.map((c) => c.id).join() === 'u1,u2', 'listed again in its place');
    await waitFor(() => !testId(view, 'history-undo'), 'the offer is gone once used');
    closeHistory(store, view);
  });

  it('the offer goes away by itself and the capture stays deleted', async () => {
    const { store, view } = await freshHistory('digit-lens-undo-expires');
    await store.add(captureRecord('x', { reading: '12' }));
    await view.reload();
    await waitFor(() => view.items.length === 1, 'listed');
    view.undoMs = 300;
    testId(view, 'history-delete')!.click();
    await waitFor(() => testId(view, 'history-undo'), 'an Undo offer');
    await waitFor(() => !testId(view, 'history-undo'), 'the offer times out');
    assertEqual(await store.get('x'), undefined, 'still deleted');
    closeHistory(store, view);
  });
});
