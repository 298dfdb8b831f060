/**
 * The review screen is easy to learn and works without a pointer: a hint says how to correct,
 * disabled digit buttons say why, boxes stay on the image, and boxes can be picked with Tab,
 * relabelled with a digit key, moved with the arrows, resized with Shift+arrows and removed with Delete.
 */
import '../../src/history/capture-review.js';
import type { CaptureReview } from '../../src/history/capture-review.js';
import { CaptureStore } from '../../src/history/capture-store.js';
import type { BoxRecord, CorrectionRecord } from '../../src/history/schema.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';
import { sendKeys } from '../helpers/keys.js';
import { captureRecord } from '../helpers/records.js';

const W = 200;
const H = 100;

async function freshStore(name: string): Promise<CaptureStore> {
  await new Promise((r) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = r;
  });
  return CaptureStore.open(name);
}

async function openReview(name: string): Promise<{ review: CaptureReview; store: CaptureStore }> {
  const c = new OffscreenCanvas(W, H);
  c.getContext('2d')!.fillRect(0, 0, W, H);
  const image = await c.convertToBlob({ type: 'image/jpeg' });
  const capture = captureRecord('rv', {
    image,
    width: W,
    height: H,
    reading: '73',
    predictions: [
      { digit: 7, score: 0.9, x: 20, y: 20, w: 30, h: 50 },
      { digit: 3, score: 0.9, x: 55, y: 20, w: 30, h: 50 },
    ],
  });
  const store = await freshStore(name);
  await store.add(capture);
  const review = document.createElement('capture-review');
  Object.assign(review, { capture, correction: null, store });
  document.body.append(review);
  await waitFor(async () => {
    await review.updateComplete;
    return rects(review).length === 2 && rects(review)[0].getBoundingClientRect().width > 1;
  }, 'the boxes drawn on a sized stage');
  return { review, store };
}

const q = <T extends Element = HTMLElement>(review: CaptureReview, sel: string): T => review.shadowRoot!.querySelector<T>(sel)!;
const rects = (review: CaptureReview): SVGRectElement[] => [
  ...review.shadowRoot!.querySelectorAll<SVGRectElement>('[data-testid="review-box"]'),
];
const stage = (review: CaptureReview): DOMRect => q(review, '[data-testid="review-stage"]').getBoundingClientRect();
const inside = (b: BoxRecord): boolean => b.x >= 0 && b.y >= 0 && b.x + b.w <= W + 1e-6 && b.y + b.h <= H + 1e-6;

function pointer(target: Element, type: string, x: number, y: number): void {
  target.dispatchEvent(new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, pointerId: 1 }));
}

describe('reviewing a capture', () => {
  afterEach(() => document.querySelectorAll('capture-review').forEach((e) => e.remove()));

  it('says how to correct, why the digits are disabled, and names the confirm button plainly', async () => {
    const { review, store } = await openReview('digit-lens-review-words');
    const hint = q(review, '[data-testid="review-hint"]');
    assert(/tap a box/i.test(hint.textContent!) && /add box/i.test(hint.textContent!), `hint: ${hint.textContent}`);
    const digit = q<HTMLButtonElement>(review, '[data-testid="relabel-1"]');
    assert(digit.disabled, 'no box selected yet');
    const why = digit.getAttribute('aria-describedby');
    assert(why, 'the disabled digit button is described');
    assertEqual(review.shadowRoot!.getElementById(why)?.textContent?.trim(), 'Select a box first');
    assert(q(review, `#${why}`).checkVisibility(), 'the reason is on screen');
    assertEqual(q(review, '[data-testid="confirm"]').textContent!.trim(), 'Reading is right');
    pointer(
      rects(review)[0],
      'pointerdown',
      rects(review)[0].getBoundingClientRect().x + 3,
      rects(review)[0].getBoundingClientRect().y + 3,
    );
    pointer(q(review, 'svg'), 'pointerup', 0, 0);
    await review.updateComplete;
    assert(!digit.disabled, 'a selected box enables the digits');
    assert(!q(review, `#${why}`)?.checkVisibility(), 'and the reason goes');
    store.close();
  });

  it('keeps moved and drawn boxes on the image, and saves them so', async () => {
    const { review, store } = await openReview('digit-lens-review-clamp');
    const svg = q(review, 'svg');
    const s = stage(review);
    const r0 = rects(review)[0].getBoundingClientRect();
    pointer(rects(review)[0], 'pointerdown', r0.x + 5, r0.y + 5);
    pointer(svg, 'pointermove', s.left - 500, s.top - 500);
    pointer(svg, 'pointerup', s.left - 500, s.top - 500);
    await review.updateComplete;
    assert(inside(review.boxes[0]), `moved box stays on the image: ${JSON.stringify(review.boxes[0])}`);
    assertEqual(review.boxes[0].x, 0, 'pushed to the left edge');

    q<HTMLButtonElement>(review, '[data-testid="add-box"]').click();
    await review.updateComplete;
    pointer(svg, 'pointerdown', s.left + 1, s.top + 1); // in the letterbox, off the image
    pointer(svg, 'pointermove', s.right + 400, s.bottom + 400);
    pointer(svg, 'pointerup', s.right + 400, s.bottom + 400);
    await review.updateComplete;
    const drawn = review.boxes[2];
    assert(drawn && inside(drawn), `drawn box stays on the image: ${JSON.stringify(drawn)}`);
    assert(drawn.w > 10 && drawn.h > 10, 'and is a real box');

    const saved = new Promise<CorrectionRecord>((res) =>
      review.addEventListener('correction-saved', (e) => res(e.detail), { once: true }),
    );
    q<HTMLButtonElement>(review, '[data-testid="save-correction"]').click();
    await saved;
    const stored = await store.getCorrection('rv');
    assert(stored?.boxes.every(inside), `stored boxes on the image: ${JSON.stringify(stored?.boxes)}`);
    store.close();
  });

  it('edits boxes from the keyboard: Tab, a digit, arrows, Shift+arrows, Delete', async () => {
    const { review, store } = await openReview('digit-lens-review-keys');
    const [first] = rects(review);
    assertEqual(first.getAttribute('aria-label'), 'Box 1: digit 7');
    first.focus();
    await waitFor(() => review.selected === 0, 'focusing a box selects it');
    await sendKeys({ press: 'Tab' });
    await waitFor(() => review.selected === 1, `Tab selects the next box (selected ${review.selected})`);
    assertEqual(review.shadowRoot!.activeElement?.getAttribute('aria-label'), 'Box 2: digit 3');

    await sendKeys({ press: '5' });
    await waitFor(() => review.boxes[1].digit === 5, 'a digit key relabels');
    assertEqual(q<HTMLInputElement>(review, '[data-testid="review-number"]').value, '75', 'and the number follows');
    await waitFor(() => rects(review)[1].getAttribute('aria-label') === 'Box 2: digit 5', 'the name follows');

    const start = { ...review.boxes[1] };
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowDown' });
    await waitFor(() => review.boxes[1].x > start.x && review.boxes[1].y > start.y, 'arrows move');
    assertEqual(review.boxes[1].w, start.w, 'moving keeps the size');
    await sendKeys({ press: 'Shift+ArrowRight' });
    await sendKeys({ press: 'Shift+ArrowDown' });
    await waitFor(() => review.boxes[1].w > start.w && review.boxes[1].h > start.h, 'Shift+arrows resize');
    for (let i = 0; i < 40; i++) await sendKeys({ press: 'ArrowUp' });
    await waitFor(() => review.boxes[1].y === 0, `arrows stop at the edge (y ${review.boxes[1].y})`);

    await sendKeys({ press: 'Delete' });
    await waitFor(() => review.boxes.length === 1, 'Delete removes the box');
    assertEqual(q<HTMLInputElement>(review, '[data-testid="review-number"]').value, '7');
    store.close();
  });

  it('reaches Save with one Tab from the last box edit (issue 24: it took 17)', async () => {
    const { review, store } = await openReview('digit-lens-review-save-key');
    rects(review)[1].focus();
    await sendKeys({ press: '8' });
    await waitFor(() => review.boxes[1].digit === 8, 'a digit key relabels');
    await sendKeys({ press: 'Tab' });
    const reached = review.shadowRoot!.activeElement;
    assertEqual(reached?.getAttribute('data-testid'), 'save-correction', `Tab reached ${reached?.outerHTML.slice(0, 80)}`);
    const saved = new Promise<CorrectionRecord>((res) =>
      review.addEventListener('correction-saved', (e) => res(e.detail), { once: true }),
    );
    await sendKeys({ press: 'Enter' });
    assertEqual((await saved).reading, '78', 'Enter saves the edited number');
    store.close();
  });
});
