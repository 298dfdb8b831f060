/**
 * History says one thing at a time (issue 19, item 5): "Imported 0…" stayed under "Deleted 105.
 * Undo", and "Copied 403" stayed after Delete all. A new action's message replaces the last one.
 */
import type { HistoryView } from '../../src/history/history-view.js';
import { assert, waitFor } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';
import { captureRecord } from '../helpers/records.js';

const testId = (view: HistoryView, id: string): HTMLElement | null =>
  view.shadowRoot!.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const text = (view: HistoryView, id: string): string => testId(view, id)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
/** Everything History is saying now: its status line and the Undo offer. */
const said = (view: HistoryView): string[] => ['history-message', 'history-undo'].map((id) => text(view, id)).filter(Boolean);

describe('History messages', () => {
  it('a new action replaces the last message: import, delete, copy, delete all', async () => {
    const { store, view } = await freshHistory('digit-lens-messages');
    await store.add(captureRecord('a', { reading: '105', time: 2000 }));
    await store.add(captureRecord('b', { reading: '403', time: 1000 }));
    await view.reload();
    await waitFor(() => view.items.length === 2, 'both listed');
    view.undoMs = 60_000; // the offer must not expire by itself while the test looks at it

    // An import that brings nothing says so...
    await view.importDataset(new Blob(['not a zip'], { type: 'application/zip' }));
    await waitFor(() => text(view, 'history-message'), 'the import says what happened');

    // ...and a delete after it: only the Undo offer shows.
    testId(view, 'history-delete')!.click();
    await waitFor(() => testId(view, 'history-undo'), 'an Undo offer');
    await view.updateComplete;
    assert(said(view).length === 1, `one message, not the import's too: ${JSON.stringify(said(view))}`);
    assert(/^Deleted 105\. Undo$/.test(said(view)[0]), `the delete's offer: ${said(view)[0]}`);

    // A copy replaces the Undo offer (the delete stands).
    testId(view, 'history-copy')!.click();
    await waitFor(() => /403/.test(text(view, 'history-message')), 'the copy says so');
    await view.updateComplete;
    assert(said(view).length === 1, `one message: ${JSON.stringify(said(view))}`);
    assert(!(await store.get('a')), 'the delete stands');

    // Delete all: not "Copied 403" about a capture that is gone.
    testId(view, 'history-delete-all')!.click();
    await view.updateComplete;
    testId(view, 'history-delete-all-confirm')!.click();
    await waitFor(() => /^Deleted 1 capture\. Undo$/.test(said(view)[0] ?? ''), `Delete all says so (${said(view)})`);
    await view.updateComplete;
    assert(said(view).length === 1, `one message: ${JSON.stringify(said(view))}`);
    closeHistory(store, view);
  });
});
