/** "Keep at most" refuses what cannot be a limit, and says so, instead of ignoring it. */
import '../../src/app/settings-panel.js';
import { CaptureStore } from '../../src/history/capture-store.js';
import { assert, assertEqual, waitFor } from '../helpers/assert.js';

async function freshStore(name: string): Promise<CaptureStore> {
  await new Promise((r) => {
    const req = indexedDB.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = r;
  });
  return CaptureStore.open(name);
}

describe('Keep at most', () => {
  it('refuses 0, negative, fractional and non-numbers with a message, and saves a whole number', async () => {
    const store = await freshStore('digit-lens-max-captures');
    await store.setMaxCaptures(40);
    const panel = document.createElement('settings-panel');
    panel.store = store;
    document.body.append(panel);
    const input = await waitFor(
      () => panel.shadowRoot?.querySelector<HTMLInputElement>('[data-testid="max-captures"]:not([disabled])'),
      'the input, enabled once settings are read',
    );
    const problem = (): string | null =>
      panel.shadowRoot!.querySelector('[data-testid="max-captures-problem"]')?.textContent?.trim() || null;
    for (const typed of ['0', '-5', '2.5', '', 'abc']) {
      input.value = typed;
      input.dispatchEvent(new Event('change'));
      const text = await waitFor(problem, `a message for "${typed}"`);
      assert(/whole number of 1 or more/.test(text), `message for "${typed}": ${text}`);
      assertEqual(input.getAttribute('aria-invalid'), 'true', `"${typed}" marked invalid`);
      assertEqual((await store.settings()).maxCaptures, 40, `"${typed}" not saved`);
    }
    input.value = '25';
    input.dispatchEvent(new Event('change'));
    await waitFor(async () => (await store.settings()).maxCaptures === 25, 'a valid limit saved');
    await waitFor(() => !problem(), 'the message clears');
    panel.remove();
    store.close();
  });

  it('the store itself refuses a limit below 1', async () => {
    const store = await freshStore('digit-lens-max-captures-store');
    let threw = false;
    try {
      await store.setMaxCaptures(0);
    } catch (e) {
      threw = e instanceof RangeError;
    }
    assert(threw, 'setMaxCaptures(0) throws a RangeError');
    assertEqual((await store.settings()).maxCaptures, 1000, 'the default stays');
    store.close();
  });
});
