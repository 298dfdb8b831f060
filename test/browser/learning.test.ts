// Learning on the phone: the personal model, trained in its worker on the user's corrected
// captures of a digit style the shipped model misreads, reads new captures of that style better.
import type { CaptureStore } from '../../src/history/capture-store.js';
import { readGroup } from '../../src/detector/read.js';
import '../../src/learning/personal-model-panel.js';
import type { PersonalModelPanel } from '../../src/learning/personal-model-panel.js';
import { PersonalReader } from '../../src/learning/personal-reader.js';
import { PersonalStore } from '../../src/learning/personal-store.js';
import { assert, assertEqual } from '../helpers/assert.js';
import { correctedHistory, deleteDb, readScene } from '../helpers/learning-fixture.js';
import { sevenSegmentScene } from '../helpers/seven-segment.js';

const HISTORY = 'digit-lens-learning-test';

/** Waits until `check` holds (no fixed sleeps), or fails after `ms`. */
async function until(check: () => boolean, what: string, ms = 240_000): Promise<void> {
  const t0 = performance.now();
  while (!check()) {
    if (performance.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => requestAnimationFrame(r));
  }
}

async function panelOn(store: CaptureStore, personalDb: string, epochs?: number): Promise<PersonalModelPanel> {
  await deleteDb(personalDb);
  const panel = document.createElement('personal-model-panel');
  panel.store = store;
  panel.shippedVersion = 'v3';
  panel.config = { personalDb, epochs };
  document.body.append(panel);
  await panel.updateComplete;
  return panel;
}

const $ = (panel: PersonalModelPanel, id: string): HTMLElement | null =>
  panel.shadowRoot!.querySelector(`[data-testid="${id}"]`);
const message = (panel: PersonalModelPanel): string => $(panel, 'learn-message')?.textContent?.trim() ?? '';

describe('learning from corrections', function () {
  this.timeout(600_000);
  let store: CaptureStore;

  before(async () => {
    store = await correctedHistory(HISTORY, 40);
  });
  after(() => store.close());

  it('learns a misread digit style and reads new captures of it better than the shipped model', async () => {
    const db = 'digit-lens-personal-learn-test';
    const panel = await panelOn(store, db);
    await until(() => $(panel, 'learn') !== null, 'the Learn button');
    $(panel, 'learn')!.click();
    await until(() => $(panel, 'learn-progress') !== null, 'progress');
    await until(() => $(panel, 'learn') !== null && message(panel) !== '', 'the end of learning');
    console.log(`learning: ${message(panel)}`);
    assert(/personal 1 is now in use/.test(message(panel)), message(panel));
    const p = await PersonalStore.open(db);
    const [m] = await p.list();
    p.close();
    console.log(
      `held-out captures: shipped ${m.shippedCorrect}/${m.heldOut}, shipped + personal ${m.personalCorrect}/${m.heldOut} ` +
        `(threshold ${m.threshold}, ${m.trainGlyphs} of your glyphs + ${m.replayGlyphs} replayed, ${Math.round(m.ms)} ms on ${m.backend})`,
    );
    assert(m.personalCorrect > m.shippedCorrect, 'better on the held-out captures');
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
    assert(personal > shipped, `personal ${personal} > shipped ${shipped}`);
    panel.remove();
  });
});
