/**
 * Serves models/digits in dev and copies the *current* model version (named by latest.json)
 * into the build, so the service worker precaches exactly that version and nothing else
 * (no reference outputs, no PyTorch weights).
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { ModelManifest } from '../src/detector/model-format.js';

const MIME: Record<string, string> = { '.json': 'application/json', '.bin': 'application/octet-stream' };

export function modelFiles(root = resolve(import.meta.dirname, '../models/digits')): Plugin {
  return {
    name: 'digit-lens-models',
    configureServer(server) {
      server.middlewares.use('/models/digits', (req, res, next) => {
        const rel = normalize(decodeURIComponent((req.url ?? '/').split('?')[0])).replace(/^(\.\.[/\\])+/, '');
        const file = join(root, rel);
        if (!file.startsWith(root) || !existsSync(file) || !MIME[extname(file)]) return next();
        res.setHeader('Content-Type', MIME[extname(file)]);
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
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
