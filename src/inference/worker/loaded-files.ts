/**
 * The same-origin files this worker has loaded: its own script, the backend chunks it imported,
 * the WASM build it fetched (and the model files, which the service worker ignores). The page
 * hands them to the service worker to keep for offline use: only what this device runs.
 */
export function loadedFiles(): string[] {
  const urls = [self.location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
  return [...new Set(urls)].filter((u) => new URL(u).origin === self.location.origin);
}
