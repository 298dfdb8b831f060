// Learning on the phone: the personal model, trained in its worker on the user's corrected
// captures of a digit style the shipped model misreads, reads new captures of that style better.
import type { CaptureStore } from '../../src/history/capture-store.js';
import { readGroup } from '../../src/detector/read.js';
import '../../src/learning/personal-model-panel.js';
import type { PersonalModelPanel } from '../../src/learning/personal-model-panel.js';
import { PersonalReader } from '../../src/learning/personal-reader.js';
import { buildGlyphModel, saveGlyphModel } from '../../src/learning/glyph-model.js';
import { PersonalStore } from '../../src/learning/personal-store.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { correctedHistory, deleteDb, readScene } from '../helpers/learning-fixture.js';
import { trialFor } from '../helpers/personal-fixture.js';
import { sevenSegmentScene } from '../helpers/seven-segment.js';

const HISTORY = 'digit-lens-learning-test';

/**
 * Every learning run here is seeded, so its figures are the same on every run; the margins asserted
 * hold for other seeds too (try one: VITE_LEARNING_SEED=2 when starting the test runner).
 */
const SEED = Number(import.meta.env.VITE_LEARNING_SEED ?? 1);

/**
 * Waits until `check` holds (no fixed sleeps), or fails after `ms`: a guard against a hang, not a
 * speed limit (a learning run takes minutes on 2 cores shared with other jobs).
 */
async function until(check: () => boolean, what: string, ms = 840_000): Promise<void> {
  const t0 = performance.now();
  while (!check()) {
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

async function panelOn(
  store: CaptureStore,
  personalDb: string,
  epochs?: number,
  replayUrl?: string,
): Promise<PersonalModelPanel> {
  await deleteDb(personalDb);
  const panel = document.createElement('personal-model-panel');
  panel.store = store;
  panel.shippedVersion = 'v3';
  panel.config = { personalDb, epochs, seed: SEED, ...(replayUrl ? { replayUrl } : {}) };
  document.body.append(panel);
  await panel.updateComplete;
  return panel;
}

const $ = (panel: PersonalModelPanel, id: string): HTMLElement | null => panel.shadowRoot!.querySelector(`[data-testid="${id}"]`);
const message = (panel: PersonalModelPanel): string => $(panel, 'learn-message')?.textContent?.trim() ?? '';

describe('learning from corrections', function () {
  this.timeout(900_000);
  let store: CaptureStore;

  before(async () => {
    // 60 captures, 15 of them held back: with seeds 1, 2 and 3 the personal model reads 12, 10 and
    // 12 of those right against the shipped model's 6, and 18 of the 30 new captures against 13.
    // (40 captures left 10 held back, and wins by 2 to 4.)
    store = await correctedHistory(HISTORY, 60);
  });
  after(() => store.close());

  it('learns a misread digit style and reads new captures of it better than the shipped model', async () => {
    const db = 'digit-lens-personal-learn-test';
    const panel = await panelOn(store, db);
    await until(() => $(panel, 'learn') !== null, 'the Learn button');
    $(panel, 'learn')!.click();
    await until(() => $(panel, 'learn-progress') !== null, 'progress');
    await until(() => $(panel, 'learn') !== null && message(panel) !== '', 'the end of learning');
    console.log(`learning (seed ${SEED}): ${message(panel)}`);
    assert(/personal 1 is now in use/.test(message(panel)), message(panel));
    const p = await PersonalStore.open(db);
    const [m] = await p.list();
    p.close();
    console.log(
      `held-out captures: shipped ${m.shippedCorrect}/${m.heldOut}, shipped + personal ${m.personalCorrect}/${m.heldOut} ` +
        `(threshold ${m.threshold}, ${m.trainGlyphs} of your glyphs + ${m.replayGlyphs} replayed, ${Math.round(m.ms)} ms on ${m.backend})`,
    );
    // The fixture's margin, with room to spare: a win by one capture would be luck, not learning.
    assert(m.personalCorrect >= m.shippedCorrect + 2, 'better on the held-out captures, by at least 2');
    await until(() => $(panel, 'personal-in-use') !== null, 'the new model listed as in use');
    assert(/v3 \+ personal 1/.test($(panel, 'personal-model')!.textContent!), 'listed by name');

    // New captures of the style, never seen: read as the detection worker reads them.
    const reader = new PersonalReader(db);
    await reader.start('v3');
    assertEqual(reader.version('v3'), 'v3 + personal 1');
    let shipped = 0;
    let personal = 0;
    const n = 30;
    for (let i = 0; i < n; i++) {
      const scene = sevenSegmentScene(5000 + i);
      const numbers = await readScene(scene);
      const bitmap = await createImageBitmap(scene.canvas);
      const mine = reader.apply(bitmap, numbers);
      bitmap.close();
      if ((numbers[0]?.reading ?? '') === scene.number) shipped++;
      if ((mine[0]?.reading ?? '') === scene.number) personal++;
      assertEqual(mine[0]?.boxes.length ?? 0, numbers[0]?.boxes.length ?? 0, 'the same boxes');
      if (mine[0]) assertEqual(readGroup(mine[0].boxes)[0], mine[0].boxes[0], 'in reading order');
    }
    console.log(`new captures of the style: shipped ${shipped}/${n}, shipped + personal ${personal}/${n}`);
    assert(personal >= shipped + 2, `personal ${personal} >= shipped ${shipped} + 2`);
    panel.remove();
  });

  it('cancels: the worker stops, nothing is kept, and Learn is offered again', async () => {
    const db = 'digit-lens-personal-cancel-test';
    const panel = await panelOn(store, db);
    await until(() => $(panel, 'learn') !== null, 'the Learn button');
    $(panel, 'learn')!.click();
    await until(() => $(panel, 'learn-cancel') !== null, 'Cancel');
    $(panel, 'learn-cancel')!.click();
    await until(() => message(panel) !== '', 'a message');
    assertEqual(message(panel), 'Learning cancelled. Nothing was kept.');
    await until(() => $(panel, 'learn') !== null, 'the Learn button again');
    assertEqual($(panel, 'learn-progress'), null, 'no progress bar');
    const p = await PersonalStore.open(db);
    assertEqual((await p.list()).length, 0, 'no model stored');
    assertEqual(await p.job(), null, 'no run marked as going on');
    p.close();
    panel.remove();
  });

  it('switches back to the shipped model, deletes, and marks a model made for an older shipped one', async () => {
    const db = 'digit-lens-personal-switch-test';
    await deleteDb(db);
    const p = await PersonalStore.open(db);
    const model = buildGlyphModel();
    const weights = await saveGlyphModel(model);
    model.dispose();
    const figures = {
      threshold: 1.01,
      heldOut: 10,
      shippedCorrect: 4,
      personalCorrect: 8,
      trainGlyphs: 90,
      replayGlyphs: 400,
      ms: 1,
      backend: 'wasm',
    };
    await p.add({ ...figures, weights, trial: trialFor(10, 8), peakTensorBytes: 0, heapBytes: 0 }, 'v3');
    const panel = document.createElement('personal-model-panel');
    Object.assign(panel, { store, shippedVersion: 'v3', config: { personalDb: db } });
    document.body.append(panel);
    const reader = new PersonalReader(db);
    await reader.start('v3');
    assertEqual(reader.version('v3'), 'v3 + personal 1', 'the detector reads with it');

    await until(() => $(panel, 'personal-in-use') !== null, 'the model in use');
    assert(/8 of 10 \(80%\).*4 of 10 \(40%\)/s.test($(panel, 'personal-model')!.textContent!), 'both figures shown');
    $(panel, 'personal-shipped')!.click();
    await until(() => $(panel, 'personal-in-use') === null && $(panel, 'personal-use') !== null, 'switched back');
    assertEqual(await p.active(), null);
    await until(() => reader.version('v3') === 'v3', 'the detector back on the shipped model');

    $(panel, 'personal-use')!.click();
    await until(() => $(panel, 'personal-in-use') !== null, 'in use again');
    await until(() => reader.version('v3') === 'v3 + personal 1', 'the detector on it again');

    // A newer shipped model: the personal one is not used with it, and learning again is offered.
    panel.shippedVersion = 'v4';
    await panel.updateComplete;
    assert(/Made for an older model \(v3\)/.test($(panel, 'personal-model')!.textContent!), 'marked as older');
    assertEqual($(panel, 'learn')?.textContent?.trim(), 'Learn again on v4');
    const onV4 = new PersonalReader(db);
    await onV4.start('v4');
    assertEqual(onV4.version('v4'), 'v4', 'not used on top of another shipped model');

    $(panel, 'personal-delete')!.click();
    await until(() => $(panel, 'personal-model') === null, 'the model gone from the list');
    assertEqual((await p.list()).length, 0);
    assertEqual(await p.active(), null);
    await until(() => reader.version('v3') === 'v3', 'the detector off the deleted model');
    p.close();
    panel.remove();
  });

  it('learns without the built-in examples when they cannot be fetched, and says so', async () => {
    // As on a first learning run with no network: the replay set is not in any cache yet.
    const panel = await panelOn(store, 'digit-lens-personal-offline-test', 1, '/no-such-replay-set/');
    await until(() => $(panel, 'learn') !== null, 'the Learn button');
    $(panel, 'learn')!.click();
    await until(() => $(panel, 'learn-progress') !== null, 'progress');
    await until(() => $(panel, 'learn') !== null && message(panel) !== '', 'the end of learning');
    console.log(`offline: ${message(panel)}`);
    assert(/Learned without the built-in examples \(no network\)/.test(message(panel)), message(panel));
    panel.remove();
  });

  it('says so when storage is full, and keeps nothing', async () => {
    const db = 'digit-lens-personal-quota-test';
    const panel = await panelOn(store, db);
    const add = IDBObjectStore.prototype.add;
    // The browser refusing the write for lack of space, for personal models only.
    IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['add']>) {
      if (this.name === 'models') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return add.apply(this, args);
    };
    try {
      await until(() => $(panel, 'learn') !== null, 'the Learn button');
      $(panel, 'learn')!.click();
      await until(() => $(panel, 'learn-progress') !== null, 'progress');
      await until(() => $(panel, 'learn') !== null && message(panel) !== '', 'the end of learning');
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    console.log(`storage full: ${message(panel)}`);
    assert(/^Not enough storage to keep the personal model\./.test(message(panel)), message(panel));
    const p = await PersonalStore.open(db);
    assertEqual((await p.list()).length, 0, 'nothing stored');
    assertEqual(await p.active(), null);
    p.close();
    panel.remove();
  });

  it('restarts cleanly after a reload during learning, and says so', async () => {
    const db = 'digit-lens-personal-reload-test';
    await deleteDb(db);
    const frame = document.createElement('iframe');
    // A page of its own (same origin, same databases) that can really be reloaded mid-run.
    frame.srcdoc = `<script type="module">
      import { CaptureStore } from '/src/history/capture-store.ts';
      import '/src/learning/personal-model-panel.ts';
      const panel = document.createElement('personal-model-panel');
      panel.store = await CaptureStore.open('${HISTORY}');
      panel.shippedVersion = 'v3';
      panel.config = { personalDb: '${db}' };
      document.body.append(panel);
      window.panel = panel;
    </script>`;
    document.body.append(frame);
    const inner = (): PersonalModelPanel | null =>
      (frame.contentWindow as unknown as { panel?: PersonalModelPanel })?.panel ?? null;
    await until(() => inner() !== null && $(inner()!, 'learn') !== null, 'the Learn button in the page');
    $(inner()!, 'learn')!.click();
    await until(() => $(inner()!, 'learn-progress') !== null, 'progress');
    const p = await PersonalStore.open(db);
    assert((await p.job()) !== null, 'the run is marked as going on');
    const old = inner();
    frame.contentWindow!.location.reload();
    await until(() => inner() !== null && inner() !== old && message(inner()!) !== '', 'the reloaded page');
    assertEqual(
      message(inner()!),
      'Learning stopped when the page was reloaded. Nothing was kept: start it again when you like.',
    );
    await until(() => $(inner()!, 'learn') !== null, 'Learn offered again');
    assertEqual(await p.job(), null, 'the marker is cleared');
    assertEqual((await p.list()).length, 0, 'nothing kept');
    p.close();
    frame.remove();
  });
});
