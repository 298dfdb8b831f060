// One place for how tests launch Debian's Chromium (see ../shared/notes/browser.md).
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export const FIXTURES = resolve(import.meta.dirname, 'fixtures/generated');

/** The fontconfig file that limits the browser to the fonts .ci/run installs (see test/fonts). */
export const FONTS_CONF = resolve(import.meta.dirname, 'fonts/fonts.conf');

/**
 * The environment every test and bench browser starts with: pinned fonts, so that text is as
 * wide on a developer's machine with hundreds of font packages as on a fresh CI machine.
 */
export function browserEnv() {
  return { ...process.env, FONTCONFIG_FILE: FONTS_CONF };
}

/** Flags for a fake camera that plays the given y4m (absolute path needed by Chromium). */
export function fakeCameraArgs(y4m = 'camera-4721.y4m') {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${resolve(FIXTURES, y4m)}`,
  ];
}

export function assertChromium() {
  if (!existsSync(CHROME_PATH)) {
    throw new Error(`Chromium not found at ${CHROME_PATH}. Install it (sudo apt-get install chromium) or set CHROME_PATH.`);
  }
}
