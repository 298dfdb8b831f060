/** Page side of the on-demand precache (src/offline/precache.ts). */

/**
 * Asks the service worker to keep for offline use the files the app has loaded (the detection
 * worker, its backend, its WASM build): the ones this device runs, and only those. Resolves with
 * whether all of them are kept; false without a service worker.
 */
export async function keepForOffline(urls: string[]): Promise<boolean> {
  if (!('serviceWorker' in navigator)) return false;
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  if (!worker) return false;
  const channel = new MessageChannel();
  const reply = new Promise<{ failed: string[] }>((resolve) => {
    channel.port1.onmessage = (e: MessageEvent<{ failed: string[] }>) => resolve(e.data);
  });
  worker.postMessage({ type: 'KEEP_FILES', urls }, [channel.port2]);
  return (await reply).failed.length === 0;
}
