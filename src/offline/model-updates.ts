/** Page side of the offline model: which version to run, background updates, repair. */
import type { ModelManifest } from '../detector/model-format.js';
import { LATEST_URL, cacheModelVersion, modelCacheName } from './model-cache.js';

export class ModelUnavailableError extends Error {
  override name = 'ModelUnavailableError';
}

/** The model this app build ships (precached by the service worker, so it works offline). */
export async function shippedManifest(): Promise<ModelManifest> {
  let res: Response;
  try {
    res = await fetch(LATEST_URL);
  } catch {
    throw new ModelUnavailableError('no network and no saved model');
  }
  if (!res.ok) throw new ModelUnavailableError(`latest.json: HTTP ${res.status}`);
  return (await res.json()) as ModelManifest;
}

/**
 * Asks the network (bypassing every cache) whether a newer model version is published; if so,
 * downloads and verifies it into its own cache in the background and returns its manifest.
 */
export async function fetchNewModel(currentVersion: string): Promise<ModelManifest | null> {
  if (!navigator.onLine) return null;
  const res = await fetch(`${LATEST_URL}?check=${Date.now()}`, { cache: 'no-store' }).catch(() => null);
  if (!res?.ok) return null;
  const m = (await res.json()) as ModelManifest;
  if (m.version === currentVersion) return null;
  await cacheModelVersion(m);
  return m;
}

/** Drops a version's cached files and downloads them again (each checked). Needs the network. */
export async function repairModel(m: ModelManifest): Promise<void> {
  await caches.delete(modelCacheName(m.version));
  await cacheModelVersion(m);
}

/** Tells the service worker which model version is now in use, so it can delete the others. */
export function announceModelSwitch(version: string): void {
  navigator.serviceWorker?.controller?.postMessage({ type: 'MODEL_SWITCHED', version });
}

export interface StorageInfo {
  usage: number;
  quota: number;
  persisted: boolean;
}

export async function storageInfo(): Promise<StorageInfo | null> {
  if (!navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0, persisted: (await navigator.storage.persisted?.()) ?? false };
}

/** Asks the browser not to evict our data (the model and, later, captures) under storage pressure. */
export async function requestPersistence(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
