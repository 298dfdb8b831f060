// Browser tests in real headless Chromium (Debian's), driven by Playwright.
// Test files go through a Vite dev server in middleware mode: @web/test-runner's own resolver
// cannot load tfjs (CommonJS deps), Vite can.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createServer } from 'vite';
import { BASE_ARGS, CHROME_PATH, assertChromium, browserEnv, fakeCameraArgs } from './chromium.mjs';

assertChromium();

const vite = await createServer({
  configFile: false,
  root: process.cwd(),
  server: { middlewareMode: true, hmr: false },
  appType: 'custom',
  optimizeDeps: {
    entries: ['test/browser*/**/*.test.ts'],
    include: [
      '@tensorflow/tfjs-core',
      '@tensorflow/tfjs-layers',
      '@tensorflow/tfjs-backend-cpu',
      '@tensorflow/tfjs-backend-webgl',
      '@tensorflow/tfjs-backend-wasm',
      'lit',
      'idb',
    ],
  },
  worker: { format: 'es' },
  logLevel: 'warn',
});

const launcher = (extraArgs) =>
  playwrightLauncher({
    product: 'chromium',
    launchOptions: { executablePath: CHROME_PATH, headless: true, args: [...BASE_ARGS, ...extraArgs], env: browserEnv() },
  });

const groups = [
  { name: 'camera', files: 'test/browser/**/*.test.ts', browsers: [launcher(fakeCameraArgs())] },
  // No fake-UI flag: Chromium headless answers getUserMedia with NotAllowedError, as for a user who says no.
  {
    name: 'denied',
    files: 'test/browser-denied/**/*.test.ts',
    browsers: [launcher(['--use-fake-device-for-media-stream', '--deny-permission-prompts'])],
  },
  // Permission granted but no device at all (no fake device): NotFoundError.
  { name: 'no-camera', files: 'test/browser-no-camera/**/*.test.ts', browsers: [launcher(['--use-fake-ui-for-media-stream'])] },
];

// One file: `wtr --config test/web-test-runner.config.mjs --files test/browser/learning.test.ts`
// runs just that file, in the browser of the group whose folder holds it (without this, --files
// adds a default group with a browser that is not installed, and every group still runs).
const at = process.argv.findIndex((a) => a === '--files' || a.startsWith('--files='));
const oneFile = at < 0 ? null : process.argv[at].startsWith('--files=') ? process.argv[at].slice(8) : process.argv[at + 1];
const folder = (glob) => glob.slice(0, glob.indexOf('/**'));
const ownGroup = oneFile && groups.find((g) => oneFile.replace(/^\.\//, '').startsWith(folder(g.files) + '/'));

export default {
  rootDir: '.',
  nodeResolve: false,
  concurrency: 1,
  // A guard against a file that never ends, not a speed limit: the learning file trains several
  // models, and on 2 cores shared with other jobs that takes well over 5 minutes.
  testsFinishTimeout: 2_400_000,
  testFramework: { config: { timeout: 120_000 } },
  browserStartTimeout: 60_000,
  middleware: [
    (ctx, next) => {
      const url = ctx.url;
      const viaVite =
        url.startsWith('/@') ||
        url.startsWith('/src/') ||
        url.startsWith('/models/') ||
        (url.startsWith('/test/') && !url.includes('/fixtures/')) ||
        (url.startsWith('/node_modules/') && !url.startsWith('/node_modules/@web/'));
      if (!viaVite) return next();
      return new Promise((resolve) => {
        ctx.respond = false;
        ctx.res.on('finish', resolve);
        vite.middlewares(ctx.req, ctx.res, () => {
          ctx.respond = true;
          resolve(next());
        });
      });
    },
  ],
  ...(ownGroup ? { browsers: ownGroup.browsers, groups: [] } : { groups }),
};
