/// <reference lib="webworker" />
import { PrecacheController, PrecacheRoute, cleanupOutdatedCaches } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { LATEST_URL, deleteOtherModelCaches, modelCacheName, parseModelPath } from './offline/model-cache.js';
import { readChoice } from './offline/model-choice.js';
import { parseManifest } from './offline/model-manifest.js';
import { saveShell, saveUsed, type PrecacheFile } from './offline/precache.js';

declare let self: ServiceWorkerGlobalScope;

// Every file of this build, each with its SRI hash (scripts/precache-manifest.ts). Install saves
// the app shell; the worker, its backend chunks and the one WASM build this device runs are saved
// once used: a request for one that is not saved yet goes to the network and is saved, checked.
const files = self.__WB_MANIFEST as PrecacheFile[];
const precache = new PrecacheController();
precache.addToCacheList(files);
registerRoute(new PrecacheRoute(precache));
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(precache.createHandlerBoundToURL('index.html')));

// Install: the app shell, mostly from the HTTP cache the page has just filled. The model is saved
// by the detection worker as it downloads and checks it (src/inference/worker/integrity-fetch.ts),
// so it is not downloaded a second time here. A failure fails the install.
self.addEventListener('install', (event) => event.waitUntil(saveShell(precache, files)));

/** The model version this build ships, from its precached latest.json. */
async function shippedVersion(): Promise<string | null> {
  const res = await precache.matchPrecache(LATEST_URL);
  return res?.ok ? parseManifest(await res.text()).version : null;
}

// Activate: files of older builds are deleted, and the caches of model versions that neither this
// build ships nor the user switched to (the one start-up runs: src/offline/model-choice.ts).
self.addEventListener('activate', (event) => {
  precache.activate(event);
  event.waitUntil(
    (async () => {
      const keep = [await shippedVersion().catch(() => null), (await readChoice())?.version];
      // Without a readable shipped version, deleting could take the only model there is.
      if (keep[0]) await deleteOtherModelCaches(keep.filter((v): v is string => !!v));
    })(),
  );
});

// Model files: cache-first from their version's cache; a miss goes to the network and is NOT
// cached here: only files hashed against latest.json enter a model cache (the detection worker
// and src/offline/model-cache.ts put them there once checked).
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && parseModelPath(url.pathname) !== null,
  async ({ url, request }) => {
    const { version } = parseModelPath(url.pathname)!;
    // caches.match, not caches.open: a request for an unknown version must not create its cache.
    const hit = await caches.match(url.pathname, { cacheName: modelCacheName(version) });
    return hit ?? fetch(request);
  },
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string; urls?: string[] } | null;
  // The page decides when a waiting worker takes over ("New version available — Reload").
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // The app has loaded these files (its worker, backend, WASM build): keep them for offline use.
  if (data?.type === 'KEEP_FILES' && data.urls) {
    event.waitUntil(saveUsed(precache, files, data.urls).then((failed) => event.ports[0]?.postMessage({ failed })));
  }
});
