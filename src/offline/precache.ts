/**
 * Service worker side of the app's precache: the app shell at install, the files only some devices
 * run (the detection worker, its backend chunks, one WASM build) once the app has used them. Each
 * file comes over the network once: what the page has just loaded is taken from the HTTP cache.
 */
import type { PrecacheController } from 'workbox-precaching';

/** A precache manifest entry as scripts/precache-manifest.ts writes it. */
export interface PrecacheFile {
  url: string;
  revision: string | null;
  integrity?: string;
  /** Saved once used, not at install. */
  onDemand?: boolean;
  /** A script's static imports: saved with it. */
  imports?: string[];
}

const absolute = (url: string): string => new URL(url, self.location.href).href;

/** Downloads, or takes from the HTTP cache, one file of the manifest into the precache. */
async function save(controller: PrecacheController, cache: Cache, url: string): Promise<void> {
  const key = controller.getCacheKeyForURL(url);
  if (!key || (await cache.match(key))) return;
  const integrity = controller.getIntegrityForCacheKey(key);
  // The HTTP cache may hold an older copy of a file without a hash in its name (index.html): its
  // SRI hash tells, and a mismatch, like a miss, goes to the network.
  let res = integrity
    ? await fetch(url, { cache: 'force-cache', integrity, credentials: 'same-origin' }).catch(() => null)
    : null;
  if (!res?.ok) res = await fetch(url, { cache: 'reload', integrity, credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  // A redirected response cannot answer a navigation: keep its body and headers only.
  await cache.put(key, res.redirected ? new Response(await res.blob(), { headers: res.headers }) : res);
}

/** Install: every file of the app shell, so the app starts offline. A failure fails the install. */
export async function saveShell(controller: PrecacheController, files: PrecacheFile[]): Promise<void> {
  const cache = await caches.open(controller.strategy.cacheName);
  // One at a time, as Workbox does: parallel installs can exhaust the browser's connections.
  for (const f of files) if (!f.onDemand) await save(controller, cache, absolute(f.url));
}

/** `urls` and every script they import, directly or not. */
function withImports(files: PrecacheFile[], urls: string[]): string[] {
  const imports = new Map(files.map((f) => [absolute(f.url), (f.imports ?? []).map(absolute)]));
  const all = new Set<string>();
  const add = (url: string): void => {
    if (all.has(url)) return;
    all.add(url);
    for (const i of imports.get(url) ?? []) add(i);
  };
  urls.forEach(add);
  return [...all];
}

/**
 * Saves the files of this build among `urls` (what the app has loaded) and their imports that
 * are not saved yet. Returns the URLs that could not be saved.
 */
export async function saveUsed(controller: PrecacheController, files: PrecacheFile[], urls: string[]): Promise<string[]> {
  const cache = await caches.open(controller.strategy.cacheName);
  const failed: string[] = [];
  for (const url of withImports(files, urls)) await save(controller, cache, url).catch(() => failed.push(url));
  return failed;
}
