/**
 * The replay set (models/replay/): fetched only when learning starts, never on a first visit,
 * and kept in its own cache so later runs work offline.
 */
import type { ReplaySet } from './protocol.js';

export const REPLAY_URL = '/models/replay/';
const CACHE = 'digit-lens-replay-v1';

async function cached(url: string): Promise<Response> {
  const cache = await caches.open(CACHE).catch(() => null);
  const hit = await cache?.match(url);
  if (hit) return hit;
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  await cache?.put(url, r.clone()).catch(() => undefined); // no room: still usable this time
  return r;
}

/** The replay set, or null when it cannot be had (offline before the first run): learning goes on without it. */
export async function loadReplaySet(base = REPLAY_URL): Promise<ReplaySet | null> {
  try {
    const [atlas, labels] = await Promise.all([
      cached(`${base}digits.png`).then((r) => r.blob()),
      cached(`${base}digits.json`).then((r) => r.json() as Promise<{ labels: number[] }>),
    ]);
    return { atlas, labels: labels.labels };
  } catch {
    return null;
  }
}
