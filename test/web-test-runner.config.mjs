// Browser tests in real headless Chromium (Debian's), driven by Playwright.
// Test files go through a Vite dev server in middleware mode: @web/test-runner's own resolver
// cannot load tfjs (CommonJS deps), Vite can.
import { playwrightLauncher } from '@web/test-runner-playwright';
import { createServer } from 'vite';
import { BASE_ARGS, CHROME_PATH, assertChromium, fakeCameraArgs } from './chromium.mjs';

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
    launchOptions: { executablePath: CHROME_PATH, headless: true, args: [...BASE_ARGS, ...extraArgs] },
  });

export default {
  rootDir: '.',
  nodeResolve: false,
  concurrency: 1,
  testsFinishTimeout: 300_000,
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
  groups: [
    { name: 'camera', files: 'test/browser/**/*.test.ts', browsers: [launcher(fakeCameraArgs())] },
    // No fake-UI flag: Chromium headless answers getUserMedia with NotAllowedError, as for a user who says no.
    {
      name: 'denied',
      files: 'test/browser-denied/**/*.test.ts',
      browsers: [launcher(['--use-fake-device-for-media-stream', '--deny-permission-prompts'])],
    },
    // Permission granted but no device at all (no fake device): NotFoundError.
    { name: 'no-camera', files: 'test/browser-no-camera/**/*.test.ts', browsers: [launcher(['--use-fake-ui-for-media-stream'])] },
  ],
};
