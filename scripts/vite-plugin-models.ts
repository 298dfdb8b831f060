/**
 * Serves models/digits in dev and copies the *current* model version (named by latest.json)
 * into the build, so the service worker precaches exactly that version and nothing else
 * (no reference outputs, no PyTorch weights).
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { ModelManifest } from '../src/detector/model-format.js';

const MIME: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream', '.png': 'image/png' };
/** The learning replay set (models/replay/README.md): served and built, but never precached (vite.config.ts). */
const REPLAY = resolve(import.meta.dirname, '../models/replay');
const REPLAY_FILES = ['digits.png', 'digits.json'];

export function modelFiles(root = resolve(import.meta.dirname, '../models/digits')): Plugin {
  return {
    name: 'digit-lens-models',
    configureServer(server) {
      server.middlewares.use('/models/replay', (req, res, next) => {
        const name = (req.url ?? '/').split('?')[0].replace(/^\//, '');
        if (!REPLAY_FILES.includes(name)) return next();
        res.setHeader('Content-Type', MIME[extname(name)]);
        res.end(readFileSync(join(REPLAY, name)));
      });
      server.middlewares.use('/models/digits', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
        const file = join(root, rel);
        if (!file.startsWith(root) || !existsSync(file) || !MIME[extname(file)]) return next();
        res.setHeader('Content-Type', MIME[extname(file)]);
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const name of REPLAY_FILES)
        this.emitFile({ type: 'asset', fileName: `models/replay/${name}`, source: readFileSync(join(REPLAY, name)) });
      const latestPath = join(root, 'latest.json');
      if (!existsSync(latestPath)) {
        this.warn('models/digits/latest.json is missing: the build has no model');
        return;
      }
      const latest = JSON.parse(readFileSync(latestPath, 'utf8')) as ModelManifest;
      this.emitFile({ type: 'asset', fileName: 'models/digits/latest.json', source: readFileSync(latestPath) });
      for (const f of latest.files) {
        this.emitFile({
          type: 'asset',
          fileName: `models/digits/${latest.path}/${f.name}`,
          source: readFileSync(join(root, latest.path, f.name)),
        });
      }
    },
  };
}
