/**
 * What latest.json must say before any model file is trusted: every file the model loads is
 * listed there, by a plain name in the version's folder on this origin, with its SHA-256.
 * Shared by the page, the detection worker and the service worker.
 */
import type { ModelFile, ModelManifest } from '../detector/model-format.js';

/** A model file, or the list of them, failed a check: refused, as damaged files are. */
export class ModelDamagedError extends Error {
  override name = 'ModelDamagedError';
}

/** A plain file or folder name: no slash, no "..", nothing a URL would resolve elsewhere. */
const PLAIN = /^(?!\.{1,2}$)[A-Za-z0-9._-]+$/;
const SHA256 = /^[0-9a-f]{64}$/;

const isFile = (f: unknown): f is ModelFile => {
  const x = f as Partial<ModelFile> | null;
  return typeof x?.name === 'string' && PLAIN.test(x.name) && typeof x.size === 'number' && SHA256.test(x.sha256 ?? '');
};

/** Reads latest.json's text into a manifest, or throws ModelDamagedError saying what is wrong. */
export function parseManifest(text: string): ModelManifest {
  let x: Partial<ModelManifest> | null;
  try {
    x = JSON.parse(text) as Partial<ModelManifest> | null;
  } catch {
    throw new ModelDamagedError('latest.json is not JSON');
  }
  if (typeof x?.version !== 'string' || typeof x.path !== 'string' || !PLAIN.test(x.version) || !PLAIN.test(x.path))
    throw new ModelDamagedError('latest.json names no valid version and folder');
  if (!Array.isArray(x.files) || !x.files.every(isFile)) throw new ModelDamagedError('latest.json lists a file badly');
  if (!x.files.some((f) => f.name === 'model.json')) throw new ModelDamagedError('latest.json does not list model.json');
  return x as ModelManifest;
}

/** The version's folder, as an absolute URL ending in "/". */
export const modelDir = (m: Pick<ModelManifest, 'path'>, origin: string): string =>
  new URL(`/models/digits/${m.path}/`, origin).href;

/** The listed file a URL asks for (same origin, the version's folder, no query), or undefined. */
export function listedFile(m: ModelManifest, url: URL): ModelFile | undefined {
  const dir = modelDir(m, url.origin);
  if (url.origin !== new URL(dir).origin || url.search || !url.href.startsWith(dir)) return undefined;
  const name = url.href.slice(dir.length);
  return m.files.find((f) => f.name === name);
}

/**
 * The weight files a model.json (or reader.json) asks for that latest.json does not list with a
 * hash: another origin, another folder, a file left out. A model with any is refused.
 */
export function unlistedWeights(m: ModelManifest, origin: string, json: unknown): string[] {
  const groups = (json as { weightsManifest?: { paths?: unknown }[] } | null)?.weightsManifest;
  if (!Array.isArray(groups)) return ['(no weights manifest)'];
  const dir = modelDir(m, origin);
  return groups.flatMap((g) =>
    (Array.isArray(g?.paths) ? g.paths : ['(no paths)']).filter((p) => {
      if (typeof p !== 'string') return true;
      try {
        return !listedFile(m, new URL(p, dir));
      } catch {
        return true;
      }
    }),
  ) as string[];
}
