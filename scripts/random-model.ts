/** An untrained detector of a given width exported to TF.js: speed does not depend on the weights. */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');

/** Writes <outDir>/<version>/model.json (+ shards) for a random-weight model; returns that folder. */
export function exportRandomModel(width: string, outDir: string, version: string, inputSize = 192): string {
  const pt = join(outDir, `${version}.pt`);
  execFileSync(process.env.PYTHON ?? '/usr/bin/python3', ['-m', 'digitlens.init_weights', '--width', width, '--out', pt], {
    cwd: join(ROOT, 'models/training'),
  });
  execFileSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    [
      'scripts/export-model.ts',
      '--weights',
      pt,
      '--version',
      version,
      '--out',
      outDir,
      '--work',
      join(outDir, `${version}-work`),
      '--no-latest',
      '--input-size',
      String(inputSize),
    ],
    { cwd: ROOT, stdio: 'ignore' },
  );
  return join(outDir, version);
}
