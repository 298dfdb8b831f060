/** A fetch for model files that checks each file against its SHA-256 from latest.json. */
import { sha256Hex } from '../../offline/model-cache.js';

export class ModelDamagedError extends Error {
  override name = 'ModelDamagedError';
}

/** A model file could not be downloaded: another backend would not help. */
export function isDownloadError(e: unknown): boolean {
  const m = e instanceof Error ? e.message : String(e);
  return /status code [45]\d\d|Failed to fetch|NetworkError|HTTP [45]\d\d/i.test(m);
}

/** The absolute URL a fetch input asks for (tfjs passes strings, relative to the worker). */
function requestUrl(input: RequestInfo | URL): URL {
  return new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, self.location.href);
}

/**
 * Wraps fetch: responses for files listed in `hashes` (by file name) are read, hashed and
 * compared; a mismatch throws ModelDamagedError instead of letting damaged weights give wrong readings.
 */
export function integrityFetch(hashes: Record<string, string>, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    const name = requestUrl(input).pathname.split('/').pop() ?? '';
    const want = hashes[name];
    if (!want) return res;
    // tfjs would read a 404 page's body as weights; a missing file is a download failure.
    if (!res.ok) throw new Error(`model file ${name}: HTTP ${res.status}`);
    const body = await res.arrayBuffer();
    const got = await sha256Hex(body);
    if (got !== want) throw new ModelDamagedError(`model file ${name} is damaged (SHA-256 mismatch)`);
    return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/**
 * Answers requests for `url` from `body`, already downloaded, and passes the rest to `base`:
 * the worker reads model.json once for the backend choice and hands the same bytes to the loader.
 */
export function servingFrom(url: string, body: ArrayBuffer, base: typeof fetch = fetch): typeof fetch {
  const target = requestUrl(url).href;
  return async (input, init) => {
    if (requestUrl(input).href !== target) return base(input, init);
    return new Response(body.slice(0), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}
