/**
 * The model version the user switched to, kept in Cache Storage so that both the page and the
 * service worker read it: start-up runs it (offline too) while its files are all saved and
 * verified, and the service worker keeps its cache.
 */
import type { ModelManifest } from '../detector/model-format.js';
import { parseManifest } from './model-manifest.js';

const CHOICE_CACHE = 'digit-lens-chosen-model';
const CHOICE_URL = '/models/digits/chosen.json';

export async function saveChoice(m: ModelManifest): Promise<void> {
  const cache = await caches.open(CHOICE_CACHE);
  await cache.put(CHOICE_URL, new Response(JSON.stringify(m), { headers: { 'Content-Type': 'application/json' } }));
}

/** The chosen version's manifest, or null when the user never switched (or it cannot be read). */
export async function readChoice(): Promise<ModelManifest | null> {
  try {
    const res = await (await caches.open(CHOICE_CACHE)).match(CHOICE_URL);
    return res ? parseManifest(await res.text()) : null;
  } catch {
    return null;
  }
}
