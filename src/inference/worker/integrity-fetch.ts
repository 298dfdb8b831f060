/** A fetch for model files that checks each file against its SHA-256 from latest.json. */
import type { ModelManifest } from '../../detector/model-format.js';
import { sha256Hex } from '../../offline/model-cache.js';
import { ModelDamagedError, listedFile } from '../../offline/model-manifest.js';

export { ModelDamagedError };

/** A model file could not be downloaded: another backend would not help. */
export function isDownloadError(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /status code [45]\d\d|Failed to fetch|NetworkError|HTTP [45]\d\d/i.test(m);
}

/** The absolute URL a fetch input asks for (tfjs passes strings, relative to the worker). */
function requestUrl(input: RequestInfo | URL): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, self.location.href);
}

export interface IntegrityOptions {
  /** Bytes of `name` received so far, as they arrive. */
  onBytes?: (name: string, received: number) => void;
  /** Checked files are kept in this cache (unless it has them), so they need no second download. */
  cacheName?: string;
}

/** Reads a body to the end, reporting the bytes received after each piece. */
async function readBody(res: Response, onBytes: (received: number) => void): Promise<ArrayBuffer> {
  if (!res.body) return res.arrayBuffer();
  const reader = res.body.getReader();
  const pieces: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    pieces.push(value);
    received += value.length;
    onBytes(received);
  }
  const body = new Uint8Array(received);
  let at = 0;
  for (const p of pieces) {
    body.set(p, at);
    at += p.length;
  }
  return body.buffer;
}

/** Keeps a checked file for offline use; a full disk only costs the offline copy. */
async function keep(cacheName: string, path: string, body: ArrayBuffer, type: string | null): Promise<void> {
  try {
    const cache = await caches.open(cacheName);
    if (await cache.match(path)) return;
    await cache.put(path, new Response(body.slice(0), { headers: { 'Content-Type': type ?? 'application/octet-stream' } }));
  } catch {
    // the model still runs; the service worker saves it on a later visit
  }
}

/**
 * Wraps fetch for model files: only a file latest.json lists with a SHA-256 (same origin, the
 * version's folder) is requested at all, and its body is hashed and compared; anything else, or a
 * mismatch, throws ModelDamagedError instead of letting unchecked weights give wrong readings.
 */
export function integrityFetch(m: ModelManifest, base: typeof fetch = fetch, options: IntegrityOptions = {}): typeof fetch {
  return async (input, init) => {
    const url = requestUrl(input);
    const file = listedFile(m, url);
    if (!file) throw new ModelDamagedError(`model file ${url.href} is not listed with a SHA-256 in latest.json`);
    const { name, sha256: want } = file;
    const res = await base(input, init);
    // tfjs would read a 404 page's body as weights; a missing file is a download failure.
    if (!res.ok) throw new Error(`model file ${name}: HTTP ${res.status}`);
    const { onBytes, cacheName } = options;
    const body = onBytes ? await readBody(res, (n) => onBytes(name, n)) : await res.arrayBuffer();
    const got = await sha256Hex(body);
    if (got !== want) throw new ModelDamagedError(`model file ${name} is damaged (SHA-256 mismatch)`);
    if (cacheName) await keep(cacheName, url.pathname, body, res.headers.get('Content-Type'));
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** The weight files model.json lists, as absolute URLs (tfjs reads them from model.json's folder). */
export function weightUrls(modelUrl: string, json: unknown): string[] {
  const base = requestUrl(modelUrl);
  const groups = (json as { weightsManifest?: { paths?: string[] }[] } | null)?.weightsManifest ?? [];
  return groups.flatMap((g) => (g.paths ?? []).map((p) => new URL(p, base).href));
}

/**
 * Answers requests for `url` from `body`, already downloaded, and passes the rest to `base`:
 * the worker reads model.json once for the backend choice and hands the same bytes to the loader.
 * The `early` files (the weights) start downloading now, while the backend starts, and each is
 * answered from that download once (a second load, on another backend, asks `base` again).
 */
export function servingFrom(url: string, body: ArrayBuffer, base: typeof fetch = fetch, early: string[] = []): typeof fetch {
  const target = requestUrl(url).href;
  const started = new Map(
    early.map((u) => {
      const res = base(u);
      res.catch(() => undefined); // reported when the loader asks for it
      return [requestUrl(u).href, res] as const;
    }),
  );
  return async (input, init) => {
    const href = requestUrl(input).href;
    const download = started.get(href);
    started.delete(href);
    if (download) return download;
    if (href !== target) return base(input, init);
    return new Response(body.slice(0), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
