/**
 * The review offers "Learn from my corrections" once there are enough reviewed digits to learn
 * from (the same count Settings uses), and asks the app to open learning.
 */
import '../../src/history/capture-review.js';
import type { HistoryView } from '../../src/history/history-view.js';
import { MIN_GLYPHS } from '../../src/learning/learning-controller.js';
import { assert, waitFor } from '../helpers/assert.js';
import { closeHistory, freshHistory } from '../helpers/history-fixture.js';
import { captureRecord } from '../helpers/records.js';

const box = (digit: number, x: number) => ({ digit, score: 1, x, y: 10, w: 20, h: 40 });

/** Opens the review of the first row and returns its offer button, or null. */
async function offerIn(view: HistoryView): Promise<HTMLButtonElement | null> {
  await view.reload();
  const row = await waitFor(() => view.shadowRoot!.querySelector<HTMLElement>('[data-testid="history-review"]'), 'a row');
  row.click();
  const review = await waitFor(() => view.shadowRoot!.querySelector('capture-review'), 'the review open');
  await review.updateComplete;
  return review.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="review-learn"]');
}

describe('the review offers learning', () => {
  it('not before there are enough reviewed digits', async () => {
    const { store, view } = await freshHistory('digit-lens-learn-offer-few');
    await store.add(captureRecord('a', { reading: '12' }));
    await store.saveCorrection({ captureId: 'a', reading: '12', boxes: [box(1, 0), box(2, 30)], confirmed: true, time: 1 });
    assert((await offerIn(view)) === null, 'no offer with 2 reviewed digits');
    closeHistory(store, view);
  });

  it(`from ${MIN_GLYPHS} reviewed digits on, and the offer asks the app to open learning`, async () => {
    const { store, view } = await freshHistory('digit-lens-learn-offer-enough');
    for (let i = 0; i < MIN_GLYPHS / 4; i++) {
      await store.add(captureRecord(`c${i}`, { reading: '1234' }));
      const boxes = [1, 2, 3, 4].map((d, k) => box(d, k * 30));
      await store.saveCorrection({ captureId: `c${i}`, reading: '1234', boxes, confirmed: true, time: i });
    }
    let asked = 0;
    document.body.addEventListener('learn-requested', () => asked++);
    const offer = await offerIn(view);
    assert(offer !== null, `an offer with ${MIN_GLYPHS} reviewed digits`);
    assert(offer.textContent!.trim() === 'Learn from my corrections', offer.textContent!);
    offer.click();
    assert(asked === 1, 'the request reaches the page (bubbles out of the shadow roots)');
    closeHistory(store, view);
  });
});
