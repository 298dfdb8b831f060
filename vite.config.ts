import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { META_CSP } from './scripts/csp.mjs';
import { precacheManifest } from './scripts/precache-manifest.js';
import { modelFiles } from './scripts/vite-plugin-models.js';

const precache = precacheManifest();

// The app's web manifest: installable, portrait, standalone.
const manifest = {
  name: 'Digit Lens',
  short_name: 'Digit Lens',
  description: 'Reads house numbers and other digits live from your camera, on your phone, offline.',
  id: '/',
  start_url: '/',
  scope: '/',
  display: 'standalone' as const,
  orientation: 'portrait' as const,
  theme_color: '#111827',
  background_color: '#111827',
  categories: ['utilities', 'productivity'],
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};

export default defineConfig({
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  plugins: [
    {
      // Production only: the dev server needs inline scripts for hot reload.
      name: 'digit-lens-csp',
      apply: 'build',
      transformIndexHtml: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' },
      ],
    },
    // DIGIT_LENS_MODELS points the build at another models/digits folder (test fixtures).
    modelFiles(process.env.DIGIT_LENS_MODELS ? resolve(process.env.DIGIT_LENS_MODELS) : undefined),
    precache.plugin,
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      manifest,
      includeAssets: ['icons/*.png'],
      injectManifest: {
        // Model shards are <= 1 MiB by construction; the WASM binaries are the largest files.
        // Listed here are all files; the service worker installs only the app shell and keeps the
        // worker, backend chunks and WASM build this device runs once the app has used them.
        globPatterns: ['**/*.{js,css,html,png,svg,json,bin,wasm,webmanifest}'],
        // Model versions are cached by the service worker in caches named by version (src/sw.ts);
        // only latest.json, which names the current one, is in the precache.
        // The learning replay set is fetched only when the user starts learning (src/learning/replay-set.ts).
        globIgnores: ['**/*.map', 'models/digits/*/*', 'models/replay/*'],
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
        // SRI hashes, and what is saved only once used (src/sw.ts): scripts/precache-manifest.ts.
        manifestTransforms: [precache.transform],
      },
      devOptions: { enabled: false },
    }),
  ],
});
