/**
 * Evaluates the detector on a folder in the dev-signs-aimed format, with the same library the app
 * runs, on the tfjs WASM backend.
 *
 *   npm run eval -- --data ../shared/data/dev-signs-aimed [--model models/digits/v1] [--size 224]
 *
 * Records with `number` (one aimed sign) are read like a chosen photo; records with `numbers`
 * (a whole frame: every number in view, [] for a frame with none) go through the app's two-pass
 * whole-frame reader, which returns every number it finds (`--single` reads them in one pass,
 * for comparison). Prints each failure, then metrics; the last line is exactly
 *   number_accuracy: <0..1, 3 decimals> (<correct>/<total>)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DigitDetector } from '../detector/detector.js';
import { isJudgeOptions } from '../reader/judge.js';
import { LineReader } from '../reader/line-reader.js';
import { readFrameTwoStage } from '../reader/read-frame.js';
import { decodeFrame } from './decode-image.js';
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
      single: { type: 'boolean', default: false },
      compare: { type: 'boolean', default: false },
      'no-reader': { type: 'boolean', default: false },
      // The reader-as-judge thresholds to try (JSON, as scripts/choose-judge.ts prints); else the model's own.
      judge: { type: 'string' },
    },
  });
  const backend = await useNodeBackend(values.backend as 'wasm' | 'cpu');
  const modelDir = resolve(values.model ?? defaultModelDirFor(root));
  // load() warms up at the size we run (the first run pays for kernel setup, not an image's time).
  const detector = await DigitDetector.load(fileModel(modelDir), { warmupSize: values.size ? Number(values.size) : undefined });
  const size = values.size ? Number(values.size) : detector.meta.inputSize;
  // Stage 2, where the model version has one: the line reader reads each number the detector found.
  const readerFile = join(modelDir, 'reader.json');
  const reader =
    !values['no-reader'] && existsSync(readerFile) ? await LineReader.load(fileModel(modelDir, 'reader.json')) : null;
  const records = JSON.parse(readFileSync(join(values.data!, 'annotations.json'), 'utf8')) as EvalRecord[];
  console.log(
    `model ${detector.version} (${modelDir}), input ${size}, backend ${backend}, ${reader ? 'detector + line reader' : 'detector only'}, ${records.length} images`,
  );

  let correct = 0;
  let total = 0;
  let textCorrect = 0;
  let textTotal = 0;
  let recallHit = 0;
  let recallTotal = 0;
  let falseOnEmpty = 0;
  let emptyFrames = 0;
  const times: number[] = [];
  const detectorTimes: number[] = [];
  const readerTimes: number[] = [];
  const readerPerNumber: number[] = [];
  const judge: unknown = values.judge ? JSON.parse(values.judge) : undefined;
  if (judge !== undefined && !isJudgeOptions(judge)) throw new Error(`--judge: not judge thresholds: ${values.judge}`);
  const opts = {
    size,
    ...(values['score-threshold'] ? { scoreThreshold: Number(values['score-threshold']) } : {}),
    ...(judge ? { judge } : {}),
  };
  if (reader) console.log(`judge: ${JSON.stringify(judge ?? reader.meta.judge ?? 'default')}`);
  const wholeTimes: number[] = [];
  const singleTimes: number[] = [];
  let singleHits = 0;
  // Which search found each number: what each source buys in recall and costs in false numbers.
  const bySource = new Map<string, { hits: number; falseFrames: number }>();
  const tally = (source: string | undefined) => {
    const k = source ?? 'whole';
    if (!bySource.has(k)) bySource.set(k, { hits: 0, falseFrames: 0 });
    return bySource.get(k)!;
  };
  for (const r of records) {
    const { image, crop } = decodeFrame(join(values.data!, r.file));
    try {
      if (r.number !== undefined) {
        // As the app reads a chosen photo: both passes, then the line reader; the most prominent number.
        const res = await readFrameTwoStage(detector, reader, image, { ...opts, crop });
        times.push(res.ms);
        detectorTimes.push(res.detectorMs);
        if (reader) {
          readerTimes.push(res.readerMs);
          if (res.numbers.length) readerPerNumber.push(res.readerMs / res.numbers.length);
        }
        const best = res.numbers[0];
        const reading = best?.reading ?? '';
        const text = best?.text ?? reading;
        total++;
        if (reading === r.number) correct++;
        if (r.text !== undefined) {
          // The whole printed text, suffix letters included ("502B").
          textTotal++;
          if (text === r.text.toUpperCase()) textCorrect++;
        }
        if (reading !== r.number)
          console.log(
            `FAIL ${r.file}: want ${r.number}${r.text && r.text !== r.number ? ` (sign "${r.text}")` : ''}, read "${text}"`,
          );
      }
      if (r.numbers) {
        let got: string[];
        let sources: (string | undefined)[] = [];
        if (values.compare) {
          // Both paths on the same frame, in the same run: the cost and recall of the second pass.
          const one = await detector.detect(image, opts);
          singleTimes.push(one.ms);
          if (one.reading && r.numbers.includes(one.reading)) singleHits++;
        }
        if (values.single) {
          const res = await detector.detect(image, opts);
          wholeTimes.push(res.ms);
          got = res.reading ? [res.reading] : [];
        } else {
          const res = await readFrameTwoStage(detector, reader, image, { ...opts, crop });
          wholeTimes.push(res.ms);
          got = res.numbers.map((n) => n.reading);
          sources = res.numbers.map((n) => n.source);
        }
        if (r.numbers.length === 0) {
          emptyFrames++;
          if (got.length) {
            falseOnEmpty++;
            for (const k of new Set(sources)) tally(k).falseFrames++;
            console.log(`FALSE ${r.file}: empty frame, read ${JSON.stringify(got)} (${sources.join(', ')})`);
          }
        } else {
          recallTotal += r.numbers.length;
          const hits = r.numbers.filter((n) => got.includes(n)).length;
          recallHit += hits;
          for (const n of r.numbers) {
            const i = got.indexOf(n);
            if (i >= 0) tally(sources[i]).hits++;
          }
          if (hits < r.numbers.length)
            console.log(`MISS ${r.file}: want ${JSON.stringify(r.numbers)}, read ${JSON.stringify(got)}`);
        }
      }
    } finally {
      image.dispose();
    }
  }
  if (wholeTimes.length) {
    const how = values.single ? 'single pass' : 'two-pass';
    console.log(
      `whole-frame ms (${how}): median ${percentile(wholeTimes, 0.5).toFixed(1)}, p90 ${percentile(wholeTimes, 0.9).toFixed(1)}`,
    );
  }
  if (singleTimes.length) {
    const ratio = percentile(wholeTimes, 0.5) / percentile(singleTimes, 0.5);
    console.log(
      `whole-frame ms (single pass, same run): median ${percentile(singleTimes, 0.5).toFixed(1)}, p90 ${percentile(singleTimes, 0.9).toFixed(1)}; two-pass / single median ${ratio.toFixed(2)}x`,
    );
    console.log(
      `number_recall (single pass, same run): ${(recallTotal ? singleHits / recallTotal : 0).toFixed(3)} (${singleHits}/${recallTotal})`,
    );
  }
  if (times.length) {
    const line = (xs: number[]) => `median ${percentile(xs, 0.5).toFixed(1)}, p90 ${percentile(xs, 0.9).toFixed(1)}`;
    console.log(`per-image ms (${backend}): ${line(times)}`);
    console.log(`  detector (both passes): ${line(detectorTimes)}`);
    if (readerTimes.length) console.log(`  line reader: ${line(readerTimes)}; per number ${line(readerPerNumber)}`);
  }
  if (recallTotal > 0 || emptyFrames > 0) {
    console.log(`number_recall: ${(recallTotal ? recallHit / recallTotal : 0).toFixed(3)} (${recallHit}/${recallTotal})`);
    console.log(`false_numbers_on_empty: ${falseOnEmpty}/${emptyFrames}`);
    for (const [k, v] of [...bySource].sort()) {
      const recall = recallTotal ? v.hits / recallTotal : 0;
      console.log(`  from ${k}: recall ${recall.toFixed(3)} (${v.hits}), empty frames with a number ${v.falseFrames}`);
    }
  }
  detector.dispose();
  reader?.dispose();
  if (textTotal) console.log(`text_accuracy: ${(textCorrect / textTotal).toFixed(3)} (${textCorrect}/${textTotal})`);
  console.log(`number_accuracy: ${(total ? correct / total : 0).toFixed(3)} (${correct}/${total})`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
