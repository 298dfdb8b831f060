/** Page side of the offline model: which version to run, background updates, repair. */
import type { ModelManifest } from '../detector/model-format.js';
import { LATEST_URL, deleteOtherModelCaches, modelCacheName, verifyModelVersion } from './model-cache.js';
import { readChoice, saveChoice } from './model-choice.js';
import { parseManifest } from './model-manifest.js';

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
  return parseManifest(await res.text());
}

/**
 * The version start-up runs: the one the user last switched to, while every one of its files is
 * saved and matches its SHA-256 (so it starts offline too); otherwise the one this build ships.
 */
export async function startupManifest(): Promise<ModelManifest> {
  const chosen = await readChoice();
  if (
    chosen &&
    (await verifyModelVersion(chosen, null).then(
      () => true,
      () => false,
    ))
  )
    return chosen;
  return shippedManifest();
}

/**
 * Asks the network (bypassing every cache) whether a newer model version is published; if so,
 * downloads and verifies all its files into its own cache in the background and returns its
 * manifest. A version that fails any check is not offered, and what it left is deleted.
 */
export async function fetchNewModel(currentVersion: string): Promise<ModelManifest | null> {
  if (!navigator.onLine) return null;
  const res = await fetch(`${LATEST_URL}?check=${Date.now()}`, { cache: 'no-store' }).catch(() => null);
  if (!res?.ok) return null;
  const refused = (version: string, e: unknown) =>
    new Error(`update ${version}refused: ${e instanceof Error ? e.message : String(e)}`);
  let m: ModelManifest;
  try {
    m = parseManifest(await res.text());
  } catch (e) {
    throw refused('', e);
  }
  if (m.version === currentVersion) return null;
  try {
    await verifyModelVersion(m);
  } catch (e) {
    await caches.delete(modelCacheName(m.version));
    throw refused(`${m.version} `, e);
  }
  return m;
}

/** Drops a version's cached files and downloads them again (each checked). Needs the network. */
export async function repairModel(m: ModelManifest): Promise<void> {
  await caches.delete(modelCacheName(m.version));
  await verifyModelVersion(m);
}

/**
 * The user switched to `m` and it runs: start-up runs it from now on, so the other versions'
 * caches can go (the service worker keeps a new build's shipped version when it activates).
 */
export async function rememberSwitch(m: ModelManifest): Promise<void> {
  await saveChoice(m);
  await deleteOtherModelCaches([m.version]);
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
