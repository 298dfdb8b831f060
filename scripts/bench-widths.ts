/**
 * Speed side of the model-size choice: per-frame inference in Node on the tfjs WASM backend for
 * each backbone width at each input size (untrained weights: speed does not depend on them).
 *
 *   npx tsx scripts/bench-widths.ts [--widths 0.35,0.5,0.75] [--sizes 160,192,224,256,320]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { DigitDetector } from '../src/detector/detector.js';
import { fileModel } from '../src/cli/file-model.js';
import { useNodeBackend } from '../src/cli/node-backend.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    widths: { type: 'string', default: '0.35,0.5,0.75' },
    sizes: { type: 'string', default: '160,192,224,256,320' },
    runs: { type: 'string', default: '20' },
  },
});
const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-widths-'));
const py = process.env.PYTHON ?? '/usr/bin/python3';
const rows: string[] = [];
try {
  for (const w of values.widths!.split(',')) {
    const pt = join(tmp, `w${w}.pt`);
    execFileSync(py, ['-m', 'digitlens.init_weights', '--width', w, '--out', pt], { cwd: join(ROOT, 'models/training') });
    execFileSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [
        'scripts/export-model.ts',
        '--weights',
        pt,
        '--version',
        `w${w}`,
        '--out',
        tmp,
        '--work',
        join(tmp, `work${w}`),
        '--no-latest',
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    await useNodeBackend('wasm');
    const det = await DigitDetector.load(fileModel(join(tmp, `w${w}`)));
    const { statSync, readdirSync } = await import('node:fs');
    const bytes = readdirSync(join(tmp, `w${w}`))
      .filter((f) => f.startsWith('group'))
      .reduce((s, f) => s + statSync(join(tmp, `w${w}`, f)).size, 0);
    for (const size of values.sizes!.split(',').map(Number)) {
      const img = tf.randomUniform([size, size, 3], 0, 255, 'int32') as tf.Tensor3D;
      await det.detect(img, { size });
      const ms: number[] = [];
      for (let i = 0; i < Number(values.runs); i++) ms.push((await det.detect(img, { size, scoreThreshold: 0.99 })).ms);
      img.dispose();
      ms.sort((a, b) => a - b);
      rows.push(
        `width ${w.padEnd(4)} size ${String(size).padStart(3)}: median ${ms[ms.length >> 1].toFixed(1).padStart(6)} ms  weights ${(bytes / 1e6).toFixed(2)} MB`,
      );
      console.log(rows.at(-1));
    }
    det.dispose();
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
