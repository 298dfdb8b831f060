/** Model files live in one cache per model version, shared by the service worker and the page. */
import type { ModelManifest } from '../detector/model-format.js';
import { ModelDamagedError, unlistedWeights } from './model-manifest.js';

export const MODEL_CACHE_PREFIX = 'digit-lens-model-';
export const LATEST_URL = '/models/digits/latest.json';

export const modelCacheName = (version: string): string => `${MODEL_CACHE_PREFIX}${version}`;

/** '/models/digits/v2/group1-shard1of2.bin' -> { version: 'v2', file: 'group1-shard1of2.bin' } */
export function parseModelPath(pathname: string): { version: string; file: string } | null {
  const m = /^\/models\/digits\/([A-Za-z0-9._-]+)\/([A-Za-z0-9._-]+)$/.exec(pathname);
  return m ? { version: m[1], file: m[2] } : null;
}

export async function sha256Hex(data: ArrayBuffer): Promise<string> {
  const d = await crypto.subtle.digest('SHA-256', data);
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const JSON_FILES = ['model.json', 'reader.json'];

/**
 * Makes sure a version's cache holds every file latest.json lists, each hashed and matching its
 * SHA-256 (a cached file is hashed too: a damaged one is dropped and, with `fetchFn`, downloaded
 * again), and that the model's own file lists ask for nothing else. Throws ModelDamagedError
 * when a file fails its check; without `fetchFn` a missing file throws too (nothing downloaded).
 */
export async function verifyModelVersion(m: ModelManifest, fetchFn: typeof fetch | null = fetch): Promise<void> {
  const cache = await caches.open(modelCacheName(m.version));
  // The file lists first: a version whose model asks for an unlisted file is refused before any
  // of its weights is downloaded or kept.
  const order = [...m.files].sort((a, b) => Number(JSON_FILES.includes(b.name)) - Number(JSON_FILES.includes(a.name)));
  for (const f of order) {
    const url = `/models/digits/${m.path}/${f.name}`;
    let body = await (await cache.match(url))?.arrayBuffer();
    if (body && (await sha256Hex(body)) !== f.sha256) {
      await cache.delete(url);
      body = undefined;
    }
    if (!body) {
      if (!fetchFn) throw new ModelDamagedError(`${url} is not saved on this device`);
      const res = await fetchFn(url, { cache: 'no-store' });
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
      body = await res.arrayBuffer();
      if ((await sha256Hex(body)) !== f.sha256) throw new ModelDamagedError(`${url}: SHA-256 mismatch`);
      const type = res.headers.get('Content-Type') ?? 'application/octet-stream';
      await cache.put(url, new Response(body.slice(0), { headers: { 'Content-Type': type } }));
    }
    if (!JSON_FILES.includes(f.name)) continue;
    let json: unknown = null;
    try {
      json = JSON.parse(new TextDecoder().decode(body));
    } catch {
      // reported as unlisted weights below
    }
    const unlisted = unlistedWeights(m, self.location.origin, json);
    if (unlisted.length)
      throw new ModelDamagedError(`${f.name} asks for files latest.json does not list: ${unlisted.join(', ')}`);
  }
}

/** Deletes the caches of every model version except those in `keep`. */
export async function deleteOtherModelCaches(keep: string[]): Promise<string[]> {
  const kept = keep.map(modelCacheName);
  const names = (await caches.keys()).filter((n) => n.startsWith(MODEL_CACHE_PREFIX) && !kept.includes(n));
  await Promise.all(names.map((n) => caches.delete(n)));
  return names;
}
