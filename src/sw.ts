/// <reference lib="webworker" />
import { PrecacheController, PrecacheRoute, cleanupOutdatedCaches } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { ModelManifest } from './detector/model-format.js';
import { LATEST_URL, deleteOtherModelCaches, modelCacheName, parseModelPath } from './offline/model-cache.js';
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
async function shippedModel(): Promise<ModelManifest | null> {
  const res = await precache.matchPrecache(LATEST_URL);
  return res?.ok ? ((await res.json()) as ModelManifest) : null;
}

// Activate: files of older builds and caches of model versions this build no longer ships are deleted.
self.addEventListener('activate', (event) => {
  precache.activate(event);
  event.waitUntil(
    (async () => {
      const m = await shippedModel();
      if (m) await deleteOtherModelCaches(m.version);
    })(),
  );
});

// Model files: cache-first from their version's cache; a miss (new version, evicted damaged
// file) goes to the network and is cached. The page checks SHA-256 before use.
registerRoute(
  ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && parseModelPath(url.pathname) !== null,
  async ({ url, request }) => {
    const { version } = parseModelPath(url.pathname)!;
    const cache = await caches.open(modelCacheName(version));
    const hit = await cache.match(url.pathname);
    if (hit) return hit;
    const res = await fetch(request);
    if (res.ok) await cache.put(url.pathname, res.clone());
    return res;
  },
);

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string; version?: string; urls?: string[] } | null;
  // The page decides when a waiting worker takes over ("New version available — Reload").
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // The page switched to another model version: drop the others.
  if (data?.type === 'MODEL_SWITCHED' && data.version) event.waitUntil(deleteOtherModelCaches(data.version));
  // The app has loaded these files (its worker, backend, WASM build): keep them for offline use.
  if (data?.type === 'KEEP_FILES' && data.urls) {
    event.waitUntil(saveUsed(precache, files, data.urls).then((failed) => event.ports[0]?.postMessage({ failed })));
  }
});
