/**
 * Speed side of the model-size choice: per-frame inference in Node on the tfjs WASM backend for
 * each backbone width at each input size (untrained weights: speed does not depend on them).
 *
 *   npx tsx scripts/bench-widths.ts [--widths 0.35,0.5,0.75] [--sizes 160,192,224,256,320]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { DigitDetector } from '../src/detector/detector.js';
import { fileModel } from '../src/cli/file-model.js';
import { useNodeBackend } from '../src/cli/node-backend.js';
import { exportRandomModel } from './random-model.js';

const { values } = parseArgs({
  options: {
    widths: { type: 'string', default: '0.35,0.5,0.75' },
    sizes: { type: 'string', default: '160,192,224,256,320' },
    runs: { type: 'string', default: '20' },
  },
});
const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-widths-'));
const rows: string[] = [];
try {
  for (const w of values.widths!.split(',')) {
    exportRandomModel(w, tmp, `w${w}`);
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
