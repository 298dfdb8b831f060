/**
 * History's rows as a user reads them: a corrected capture shows the corrected number (and what
 * was read), search finds corrected numbers and any part of a number, the row says when and
 * whether it was reviewed in plain words (model and engine one tap away), and the stats speak in
 * sentences.
 */
import '../../src/history/capture-review.js';
import type { HistoryView } from '../../src/history/history-view.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';
import { captureRecord } from '../helpers/records.js';

const shadow = (view: HistoryView): ShadowRoot => view.shadowRoot!;
const all = (view: HistoryView, id: string): HTMLElement[] => [
  ...shadow(view).querySelectorAll<HTMLElement>(`[data-testid="${id}"]`),
];
const readings = (view: HistoryView): string[] => all(view, 'history-reading').map((e) => e.textContent!.trim());

async function search(view: HistoryView, text: string): Promise<void> {
  const input = shadow(view).querySelector<HTMLInputElement>('[data-testid="history-search"]')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

describe('History rows', () => {
  it('show the corrected number with what was read, right after the correction is saved', async () => {
    const { store, view } = await freshHistory('digit-lens-rows-corrected');
    await store.add(captureRecord('c1', { reading: '01', time: 1_700_000_000_000 }));
    await view.reload();
    await waitFor(() => readings(view).join() === '01', 'the capture listed');
    all(view, 'history-review')[0].click();
    const review = await waitFor(() => shadow(view).querySelector('capture-review'), 'the review open');
    await review.updateComplete;
    const number = review.shadowRoot!.querySelector<HTMLInputElement>('[data-testid="review-number"]')!;
    number.value = '101';
    number.dispatchEvent(new Event('input'));
    review.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="save-correction"]')!.click();
    await waitFor(() => readings(view).join() === '101', `the corrected number in the row (have ${readings(view).join()})`);
    const note = all(view, 'history-corrected-from')[0];
    assert(note, 'a note says what was read');
    assertEqual(note.textContent!.trim(), 'corrected from 01');
    // And from a fresh load of the list too.
    await view.reload();
    await waitFor(() => readings(view).join() === '101', 'the corrected number after reload');
    closeHistory(store, view);
  });

  it('search finds a corrected number and any part of a reading', async () => {
    const { store, view } = await freshHistory('digit-lens-rows-search');
    await store.add(captureRecord('a', { reading: '01', time: 3000 }));
    await store.saveCorrection({ captureId: 'a', reading: '101', boxes: [], confirmed: false, time: 4000 });
    await store.add(captureRecord('b', { reading: '3204', time: 2000 }));
    await store.add(captureRecord('c', { reading: '77', time: 1000 }));
    await view.reload();
    await waitFor(() => readings(view).length === 3, 'all three listed');
    await search(view, '101');
    await waitFor(() => readings(view).join() === '101', `"101" finds the corrected capture (have ${readings(view).join()})`);
    await search(view, '20');
    await waitFor(() => readings(view).join() === '3204', `"20" finds 3204 (have ${readings(view).join()})`);
    await search(view, '0');
    await waitFor(() => readings(view).join() === '101,3204', `"0" finds both (have ${readings(view).join()})`);
    closeHistory(store, view);
  });

  it('say when and whether a capture was reviewed in plain words, with the model details one tap away', async () => {
    const { store, view } = await freshHistory('digit-lens-rows-words');
    const time = new Date(2024, 4, 12, 14, 3).getTime();
    await store.add(captureRecord('r', { reading: '5', time, modelVersion: 'v2', backend: 'wasm' }));
    await store.saveCorrection({ captureId: 'r', reading: '5', boxes: [], confirmed: true, time });
    await store.add(captureRecord('n', { reading: '8', time: time - 1000, modelVersion: 'v2', backend: 'wasm' }));
    await view.reload();
    await waitFor(() => readings(view).length === 2, 'both listed');
    const meta = all(view, 'history-meta').map((e) => e.textContent!.replace(/\s+/g, ' ').trim());
    for (const m of meta) {
      assert(!/model|wasm|v2|·\s*$/.test(m), `no developer words in the row: "${m}"`);
      assert(m.includes(new Date(time).toLocaleDateString()), `the date in "${m}"`);
    }
    assert(/reading confirmed/i.test(meta[0]), `reviewed row says so: "${meta[0]}"`);
    assert(/not reviewed/i.test(meta[1]), `unreviewed row says so: "${meta[1]}"`);
    const details = all(view, 'history-details')[0] as HTMLDetailsElement;
    assert(details instanceof HTMLDetailsElement && !details.open, 'details are folded away');
    const summary = details.querySelector('summary')!;
    summary.click();
    await waitFor(() => details.open, 'details open on a tap');
    const said = details.textContent!.replace(/\s+/g, ' ');
    assert(/v2/.test(said) && /processor \(WebAssembly\)/.test(said), `the engine in words, its name beside: ${said}`);
    assert(!/\bwasm\b/.test(said), `not the backend's code name: ${said}`);
    closeHistory(store, view);
  });

  it('stats say misread digits in sentences', async () => {
    const { store, view } = await freshHistory('digit-lens-rows-stats');
    const box = { x: 10, y: 10, w: 20, h: 30 };
    // The model read a 0 where there was nothing, and a 1 that was really a 7.
    await store.add(
      captureRecord('s', {
        reading: '01',
        predictions: [
          { digit: 0, score: 0.9, ...box },
          { digit: 1, score: 0.9, ...box, x: 100 },
        ],
      }),
    );
    await store.saveCorrection({
      captureId: 's',
      reading: '7',
      boxes: [{ digit: 7, score: 1, ...box, x: 100 }],
      confirmed: false,
      time: 1,
    });
    await view.showStats();
    await view.updateComplete;
    const stats = shadow(view).querySelector('history-stats')!;
    await stats.updateComplete;
    const text = stats.shadowRoot!.querySelector('[data-testid="stats-confusion"]')!.textContent!.replace(/\s+/g, ' ');
    assert(!/[→∅]/.test(text), `no arrows or symbols: ${text}`);
    assert(text.includes('Read 0 where there was no digit: 1 time'), text);
    assert(text.includes('Read 1 where it was 7: 1 time'), text);
    closeHistory(store, view);
  });
});
