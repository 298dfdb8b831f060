/** Model files live in one cache per model version, shared by the service worker and the page. */
import type { ModelManifest } from '../detector/model-format.js';

export const MODEL_CACHE_PREFIX = 'digit-lens-model-';
export const LATEST_URL = '/models/digits/latest.json';

export const modelCacheName = (version: string): string => `${MODEL_CACHE_PREFIX}${version}`;

/** '/models/digits/v2/group1-shard1of2.bin' -> { version: 'v2', file: 'group1-shard1of2.bin' } */
export function parseModelPath(pathname: string): { version: string; file: string } | null {
  const m = /^\/models\/digits\/([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+)$/.exec(pathname);
  return m ? { version: m[1], file: m[2] } : null;
}

export function modelFileUrls(m: ModelManifest): string[] {
  return m.files.map((f) => `/models/digits/${m.path}/${f.name}`);
}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Downloads every file of a model version into its cache, each checked against its SHA-256
 * first, so a cache never holds a damaged file from the network. Files already cached are kept.
 */
export async function cacheModelVersion(m: ModelManifest, fetchFn: typeof fetch = fetch): Promise<void> {
  const cache = await caches.open(modelCacheName(m.version));
  for (const f of m.files) {
    const url = `/models/digits/${m.path}/${f.name}`;
    if (await cache.match(url)) continue;
    const res = await fetchFn(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    const body = await res.arrayBuffer();
    if ((await sha256Hex(body)) !== f.sha256) throw new Error(`${url}: SHA-256 mismatch`);
    await cache.put(
      url,
      new Response(body, { headers: { 'Content-Type': res.headers.get('Content-Type') ?? 'application/octet-stream' } }),
    );
  }
}

/** Deletes the caches of every model version except `keep`. */
export async function deleteOtherModelCaches(keep: string): Promise<string[]> {
  const names = (await caches.keys()).filter((n) => n.startsWith(MODEL_CACHE_PREFIX) && n !== modelCacheName(keep));
  await Promise.all(names.map((n) => caches.delete(n)));
  return names;
}
