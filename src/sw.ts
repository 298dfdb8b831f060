/// <reference lib="webworker" />
import { cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import type { ModelManifest } from './detector/model-format.js';
import { LATEST_URL, cacheModelVersion, deleteOtherModelCaches, modelCacheName, parseModelPath } from './offline/model-cache.js';

declare let self: ServiceWorkerGlobalScope;

// App shell, WASM binaries and models/digits/latest.json: Workbox precache (per-file revisions).
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

/** The model version this build ships, from its precached latest.json. */
async function shippedModel(): Promise<ModelManifest | null> {
  const res = (await matchPrecache(LATEST_URL)) ?? (await fetch(LATEST_URL, { cache: 'no-store' }).catch(() => undefined));
  return res?.ok ? ((await res.json()) as ModelManifest) : null;
}

// Install: the current model version goes into its own cache, every file checked against its
// SHA-256. A failure here fails the install, so a half-cached model never becomes active.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const m = await shippedModel();
      if (m) await cacheModelVersion(m);
    })(),
  );
});

// Activate: caches of model versions this build no longer ships are deleted.
self.addEventListener('activate', (event) => {
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
  const data = event.data as { type?: string; version?: string } | null;
  // The page decides when a waiting worker takes over ("New version available — Reload").
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // The page switched to another model version: drop the others.
  if (data?.type === 'MODEL_SWITCHED' && data.version) event.waitUntil(deleteOtherModelCaches(data.version));
});
