import { assert } from '../helpers/assert.js';

// The test browser gets test/fonts/fonts.conf (FONTCONFIG_FILE, see test/chromium.mjs): only the
// fonts .ci/run installs, so text is as wide here as on a fresh CI machine whatever else the
// machine has installed.
const TEXT = 'Model Captures Confirmed Corrected 4721';
const width = (font: string): number => {
  const ctx = new OffscreenCanvas(1, 1).getContext('2d')!;
  ctx.font = font;
  return ctx.measureText(TEXT).width;
};

describe('pinned test fonts', () => {
  it('renders system-ui as DejaVu Sans, and sans-serif, Arial and a missing Roboto as Liberation Sans', () => {
    const dejavu = width('16px "DejaVu Sans", monospace');
    assert(dejavu !== width('16px monospace'), 'DejaVu Sans is there at all');
    assert(width('16px system-ui') === dejavu, `system-ui is ${width('16px system-ui')} px wide, DejaVu Sans ${dejavu}`);
    // Chromium's own default for sans-serif is Arial, which fontconfig answers with Liberation Sans.
    const liberation = width('16px "Liberation Sans", monospace');
    assert(liberation !== width('16px monospace'), 'Liberation Sans is there at all');
    for (const font of ['16px sans-serif', '16px Arial', '16px Roboto, sans-serif']) {
      assert(width(font) === liberation, `${font} is ${width(font)} px wide, Liberation Sans ${liberation}`);
    }
  });

  it('offers no font outside the pinned set, even where the machine has it', () => {
    const mono = width('16px monospace');
    for (const family of ['Noto Sans', 'Roboto', 'Open Sans', 'Ubuntu', 'Cantarell', 'Lato', 'FreeSans']) {
      assert(
        width(`16px "${family}", monospace`) === mono,
        `${family} is not offered (it is ${width(`16px "${family}", monospace`)} px wide)`,
      );
    }
  });
});
