// The line reader (stage 2) in the app, from camera clips: what the digit detector alone got wrong.
// Before the reader, the app read "5028" for 502B and "207" for a stem-only 1207 (test/fixtures).
import { after, before, describe, it } from 'node:test';
import { launch, serve, waitForTestId, type Served } from './harness.js';

describe('line reader in the app (production build, fake camera)', () => {
  let server: Served;
  before(async () => {
    server = await serve();
  });
  after(async () => {
    await server.close();
  });

  /** Opens the app with the camera playing `y4m` and waits for the steady reading `want`. */
  async function reads(y4m: string, want: string): Promise<void> {
    const browser = await launch({ camera: y4m });
    try {
      await browser.page.goto(server.url);
      await waitForTestId(browser.page, 'reading', (t) => t === want, 90_000);
    } finally {
      await browser.close();
    }
  }

  it('names a suffix letter: 502B, not 5028', async () => {
    await reads('camera-502b.y4m', '502B');
  });

  it('keeps a stem-only "1" at the start of a number the detector did not box: 1207', async () => {
    await reads('camera-thin-1207.y4m', '1207');
  });

  it('reads a vertical stack top to bottom: 108', async () => {
    await reads('camera-stack-108.y4m', '108');
  });
});
