/**
 * Evaluates the detector on a folder in the dev-signs-aimed format, with the same library the app
 * runs, on the tfjs WASM backend.
 *
 *   npm run eval -- --data ../shared/data/dev-signs-aimed [--model models/digits/v1] [--size 224]
 *
 * Prints each failure, then metrics; the last line is exactly
 *   number_accuracy: <0..1, 3 decimals> (<correct>/<total>)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { DigitDetector } from '../detector/detector.js';
import { decodeImage } from './decode-image.js';
import { fileModel } from './file-model.js';
import { defaultModelDirFor } from './model-dir.js';
import { useNodeBackend } from './node-backend.js';

interface EvalRecord {
  file: string;
  number?: string;
  numbers?: string[];
  text?: string;
}

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

async function main(): Promise<void> {
  const root = resolve(import.meta.dirname, '../..');
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: resolve(root, '../shared/data/dev-signs-aimed') },
      model: { type: 'string' },
      size: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      'score-threshold': { type: 'string' },
    },
  });
  const backend = await useNodeBackend(values.backend as 'wasm' | 'cpu');
  const modelDir = resolve(values.model ?? defaultModelDirFor(root));
  const detector = await DigitDetector.load(fileModel(modelDir));
  const size = values.size ? Number(values.size) : detector.meta.inputSize;
  const records = JSON.parse(readFileSync(join(values.data!, 'annotations.json'), 'utf8')) as EvalRecord[];
  console.log(`model ${detector.version} (${modelDir}), input ${size}, backend ${backend}, ${records.length} images`);

  // Warm-up: the first run pays for kernel setup and is not a per-image time.
  const warm = tf.zeros([size, size, 3], 'int32') as tf.Tensor3D;
  await detector.detect(warm, { size });
  warm.dispose();

  let correct = 0;
  let total = 0;
  let recallHit = 0;
  let recallTotal = 0;
  let falseOnEmpty = 0;
  let emptyFrames = 0;
  const times: number[] = [];
  const opts = { size, ...(values['score-threshold'] ? { scoreThreshold: Number(values['score-threshold']) } : {}) };
  for (const r of records) {
    const image = decodeImage(join(values.data!, r.file));
    const res = await detector.detect(image, opts);
    image.dispose();
    times.push(res.ms);
    if (r.number !== undefined) {
      total++;
      if (res.reading === r.number) correct++;
      else
        console.log(
          `FAIL ${r.file}: want ${r.number}${r.text && r.text !== r.number ? ` (sign "${r.text}")` : ''}, read "${res.reading}"`,
        );
    }
    if (r.numbers) {
      // Whole frames: the reader returns one number (the dominant line); score it as recall of the
      // listed numbers, and on frames listing none, any reading is a false number.
      if (r.numbers.length === 0) {
        emptyFrames++;
        if (res.reading) {
          falseOnEmpty++;
          console.log(`FALSE ${r.file}: empty frame, read "${res.reading}"`);
        }
      } else {
        recallTotal += r.numbers.length;
        if (r.numbers.includes(res.reading)) recallHit++;
      }
    }
  }
  console.log(`per-image ms (${backend}): median ${percentile(times, 0.5).toFixed(1)}, p90 ${percentile(times, 0.9).toFixed(1)}`);
  if (recallTotal > 0 || emptyFrames > 0) {
    console.log(`number_recall: ${(recallTotal ? recallHit / recallTotal : 0).toFixed(3)} (${recallHit}/${recallTotal})`);
    console.log(`false_numbers_on_empty: ${falseOnEmpty}/${emptyFrames}`);
  }
  detector.dispose();
  console.log(`number_accuracy: ${(total ? correct / total : 0).toFixed(3)} (${correct}/${total})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
