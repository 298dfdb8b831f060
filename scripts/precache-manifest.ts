/**
 * Shapes the service worker's precache manifest (vite-plugin-pwa injectManifest).
 *
 * - Every entry gets its SRI hash: the service worker may take a file from the HTTP cache the page
 *   just filled instead of downloading it again, and the hash proves that copy is this build's.
 * - Files the page does not load itself (the detection worker, its backend chunks, the WASM
 *   builds) are marked `onDemand`: a device runs one backend and one WASM build, so the service
 *   worker saves those the app has used instead of downloading every variant at install.
 * - Scripts list their static `imports`: a module never runs without them, so the service worker
 *   saves them with it (a worker's performance timeline does not list them).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { ManifestEntry, ManifestTransform } from 'workbox-build';

export interface PrecacheEntry extends ManifestEntry {
  integrity: string;
  onDemand?: true;
  imports?: string[];
}

/** Static and dynamic imports of sibling chunks in a built module: `from"./x.js"`, `import("./x.js")`. */
const IMPORT = /\b(?:from|import)\s*\(?\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g;
/** Static imports only: `from"./x.js"`, `import"./x.js"`. */
const STATIC_IMPORT = /(?:\bfrom|\bimport)\s*["'`](\.{1,2}\/[^"'`]+)["'`]/g;

/** A built module's static imports, relative to the build folder. */
function staticImports(outDir: string, file: string): string[] {
  const code = readFileSync(join(outDir, file), 'utf8');
  return [...new Set([...code.matchAll(STATIC_IMPORT)].map((m) => posix.join(posix.dirname(file), m[1])))];
}
/** What index.html loads: its module script, stylesheet and preloads. */
const HTML_ASSET = /\b(?:src|href)=["']\/?([^"':]+)["']/g;

/** Files (relative to the build folder) the page loads at start: index.html's and what they import. */
export function shellFiles(outDir: string): Set<string> {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const todo = [...html.matchAll(HTML_ASSET)].map((m) => m[1]);
  const seen = new Set<string>(['index.html']);
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!file.endsWith('.js')) continue;
    const code = readFileSync(join(outDir, file), 'utf8');
    // `new URL('./detection.worker.js', import.meta.url)` is not matched: the worker is on demand.
    for (const m of code.matchAll(IMPORT)) todo.push(posix.join(posix.dirname(file), m[1]));
  }
  return seen;
}

const sri = (file: string): string => `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;

/**
 * The Vite plugin learns the build folder (tests build into others with --outDir); `transform` is
 * for injectManifest.manifestTransforms.
 */
export function precacheManifest(): { plugin: Plugin; transform: ManifestTransform } {
  let outDir = resolve('dist');
  return {
    plugin: {
      name: 'digit-lens-precache-manifest',
      apply: 'build',
      configResolved(config) {
        outDir = resolve(config.root, config.build.outDir);
      },
    },
    transform: (entries) => {
      const shell = shellFiles(outDir);
      // Files outside assets/ (icons, the web manifest, latest.json) are part of the shell.
      const manifest: (PrecacheEntry & { size: number })[] = entries.map((e) => {
        const imports = e.url.endsWith('.js') ? staticImports(outDir, e.url) : [];
        return {
          ...e,
          integrity: sri(join(outDir, e.url)),
          ...(shell.has(e.url) || dirname(e.url) !== 'assets' ? {} : { onDemand: true as const }),
          ...(imports.length ? { imports } : {}),
        };
      });
      return { manifest, warnings: [] };
    },
  };
}
