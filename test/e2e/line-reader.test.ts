// The line reader (stage 2) in the app, from camera clips: what the digit detector alone got wrong.
// Before the reader, the app read "5028" for 502B and "207" for a stem-only 1207 (test/fixtures).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { launch, poll, serve, waitForTestId, type Served } from './harness.js';

describe('line reader in the app (production build, fake camera)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  /**
   * Opens the app with the camera playing `y4m`, waits for the steady reading `want`, and then for
   * the overlay's glyph tags to say the same (in reading order).
   */
  async function reads(y4m: string, want: string, tags = want): Promise<void> {
    const browser = await launch({ camera: y4m });
    try {
      await browser.page.goto(server.url);
      await waitForTestId(browser.page, 'reading', (t) => t === want, 90_000);
      const shown = () => browser.page.getByTestId('overlay').locator('text').allTextContents();
      const last = await poll(shown, (t) => t.join('') === tags, `box tags "${tags}"`).catch(shown);
      assert.equal(last.join(''), tags, 'the boxes over the number are tagged as the reading says');
    } finally {
      await browser.close();
    }
  }

  it('names a suffix letter: 502B, not 5028, and tags its box "B"', async () => {
    await reads('camera-502b.y4m', '502B');
  });

  it('keeps a stem-only "1" at the start of a number the detector did not box: 1207', async () => {
    // The reader read a glyph the detector has no box for: the boxes keep their own tags.
    await reads('camera-thin-1207.y4m', '1207', '207');
  });

  it('reads a vertical stack top to bottom: 108', async () => {
    await reads('camera-stack-108.y4m', '108');
  });
});
