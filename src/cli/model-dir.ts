/** Node-only: where the current model version lives, from models/digits/latest.json. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ModelManifest } from '../detector/model-format.js';

export function defaultModelDirFor(root: string): string {
  const latest = JSON.parse(readFileSync(join(root, 'models/digits/latest.json'), 'utf8')) as ModelManifest;
  return join(root, 'models/digits', latest.path);
}
