/**
 * Line reader checkpoint -> reader.json + shard inside a model version, next to the detector.
 *
 *   npm run export:reader -- --weights models/training/runs/reader-v1/last.pt --version v4 --detector v3
 *
 * Python (digitlens.reader.export) folds BatchNorm and writes a layer spec, float32 weights and
 * reference outputs; this rebuilds the net with tfjs layers, checks it against PyTorch (float32,
 * then after float16 quantization), copies the detector of `--detector` into the new version
 * (its metadata renamed to the version: one version names the pair the app runs) and updates
 * models/digits/latest.json, so the service worker and the integrity check cover the reader too.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fileModel } from '../src/cli/file-model.js';
import { isJudgeOptions, type JudgeOptions } from '../src/reader/judge.js';
import type { ReaderMetadata } from '../src/reader/reader-format.js';
import { writeManifest, writeModel } from './export-model.js';
import { readF32 } from './parity.js';
import type { Quantization } from './quantize.js';

const ROOT = resolve(import.meta.dirname, '..');

interface BlobRef {
  offset: number;
  shape: number[];
}
interface ReaderNode {
  op: 'conv' | 'depthwise' | 'maxpool';
  kernel?: [number, number];
  padding?: 'same' | 'valid';
  filters?: number;
  relu?: boolean;
  pool?: [number, number];
  weight?: BlobRef;
  bias?: BlobRef;
}
interface ReaderSpec {
  nodes: ReaderNode[];
  metadata: ReaderMetadata & { classes: number };
}

export function buildReader(spec: ReaderSpec, weights: Float32Array, judge?: JudgeOptions): tfl.LayersModel {
  const { height, width, classes } = spec.metadata;
  const input = tfl.input({ shape: [height, width, 3], name: 'crop' });
  let x: tfl.SymbolicTensor = input;
  const pending: Array<[tfl.layers.Layer, ReaderNode]> = [];
  spec.nodes.forEach((n, i) => {
    let layer: tfl.layers.Layer;
    if (n.op === 'maxpool') {
      layer = tfl.layers.maxPooling2d({ poolSize: n.pool!, strides: n.pool!, padding: 'valid', name: `pool${i}` });
    } else {
      const common = {
        kernelSize: n.kernel!,
        padding: n.padding!,
        useBias: true,
        activation: n.relu ? 'relu' : 'linear',
        name: `${n.op}${i}`,
      } as const;
      layer =
        n.op === 'conv'
          ? tfl.layers.conv2d({ ...common, filters: n.filters! })
          : tfl.layers.depthwiseConv2d({ ...common, depthMultiplier: 1 });
      pending.push([layer, n]);
    }
    x = layer.apply(x) as tfl.SymbolicTensor;
  });
  // [n, 1, steps, classes] -> [n, steps, classes]: the same order as PyTorch's permute.
  const steps = width / 4;
  x = tfl.layers.reshape({ targetShape: [steps, classes], name: 'steps' }).apply(x) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: x, name: 'line_reader' });
  for (const [layer, n] of pending) {
    const ws = [n.weight!, n.bias!].map((r) =>
      tf.tensor(weights.subarray(r.offset, r.offset + r.shape.reduce((a, b) => a * b, 1)), r.shape),
    );
    layer.setWeights(ws);
    tf.dispose(ws);
  }
  const { name, charset, preprocessing } = spec.metadata;
  const meta: ReaderMetadata = { name, height, width, charset, preprocessing, ...(judge ? { judge } : {}) };
  model.setUserDefinedMetadata({ reader: meta });
  return model;
}

/** Max |tfjs - pytorch| of the logits on the reference crops. */
export async function readerParity(model: tfl.LayersModel, refDir: string): Promise<number> {
  const index = JSON.parse(readFileSync(join(refDir, 'index.json'), 'utf8')) as { input: number[]; logits: number[] };
  const x = tf.tensor(readF32(join(refDir, 'input.bin')), index.input);
  const y = model.predict(x) as tf.Tensor;
  const got = await y.data();
  const want = readF32(join(refDir, 'logits.bin'));
  tf.dispose([x, y]);
  if (got.length !== want.length) throw new Error(`logits: ${got.length} values, reference has ${want.length}`);
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i] - want[i]));
  return worst;
}

/** Copies the detector of `from` into `dir` with its metadata version renamed. */
function copyDetector(from: string, dir: string, version: string): void {
  for (const f of readdirSync(from)) {
    if (f === 'model.json' || (f.startsWith('group') && f.endsWith('.bin'))) cpSync(join(from, f), join(dir, f));
  }
  // The detector's own parity references travel with it (test/unit/parity.test.ts reads them).
  if (existsSync(join(from, 'reference'))) cpSync(join(from, 'reference'), join(dir, 'reference'), { recursive: true });
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    userDefinedMetadata: { detector: { version: string } };
  };
  json.userDefinedMetadata.detector.version = version;
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      weights: { type: 'string' },
      version: { type: 'string' },
      detector: { type: 'string' },
      quantize: { type: 'string', default: 'float16' },
      out: { type: 'string', default: join(ROOT, 'models/digits') },
      work: { type: 'string' },
      'no-latest': { type: 'boolean', default: false },
      // The judge's thresholds for this version, as scripts/choose-judge.ts prints them (JSON).
      judge: { type: 'string' },
    },
  });
  const judge: unknown = values.judge ? JSON.parse(values.judge) : undefined;
  if (judge !== undefined && !isJudgeOptions(judge)) throw new Error(`--judge: not judge thresholds: ${values.judge}`);
  if (!values.weights || !values.version || !values.detector) {
    console.error(
      'usage: npm run export:reader -- --weights RUN/last.pt --version vN --detector vM [--quantize float16|uint8|none]',
    );
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const out = resolve(values.out!);
  const version = values.version;
  const work = resolve(values.work ?? join(ROOT, 'models/training/runs', `export-reader-${version}`));
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  execFileSync(python, ['-m', 'digitlens.reader.export', '--weights', resolve(values.weights), '--work', work], {
    cwd: join(ROOT, 'models/training'),
    stdio: 'inherit',
  });
  const spec = JSON.parse(readFileSync(join(work, 'spec.json'), 'utf8')) as ReaderSpec;
  const model = buildReader(spec, readF32(join(work, 'weights.bin')), judge);
  const f32 = await readerParity(model, join(work, 'reference'));
  console.log(`float32 parity vs PyTorch (max abs error): ${f32}`);
  if (f32 > 1e-3) throw new Error('TF.js reader does not match PyTorch');

  const dir = join(out, version);
  const detectorDir = join(out, values.detector);
  if (resolve(detectorDir) !== resolve(dir)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    copyDetector(detectorDir, dir, version);
  }
  const tmp = join(work, 'tfjs');
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await writeModel(model, tmp, values.quantize as Quantization);
  // Renamed so the detector's and the reader's files can share the version folder.
  const json = readFileSync(join(tmp, 'model.json'), 'utf8').replaceAll('group1-shard', 'reader-shard');
  writeFileSync(join(dir, 'reader.json'), json);
  for (const f of readdirSync(tmp).filter((f) => f.endsWith('.bin')))
    cpSync(join(tmp, f), join(dir, f.replace('group1-shard', 'reader-shard')));
  const reloaded = await tfl.loadLayersModel(fileModel(dir, 'reader.json'));
  const q = await readerParity(reloaded, join(work, 'reference'));
  console.log(`${values.quantize} parity vs PyTorch (max abs error): ${q}`);
  if (q > 0.1) throw new Error(`${values.quantize} quantization error too large`);
  cpSync(join(work, 'reference'), join(dir, 'reader-reference'), { recursive: true });
  cpSync(join(work, 'weights.pt'), join(dir, 'reader-weights.pt'));
  if (existsSync(join(detectorDir, 'weights.pt')) && !existsSync(join(dir, 'weights.pt')))
    cpSync(join(detectorDir, 'weights.pt'), join(dir, 'weights.pt'));
  if (!values['no-latest']) {
    const inputSize = (JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as { inputSize: number }).inputSize;
    const m = writeManifest(out, version, inputSize);
    console.log(`latest.json -> ${m.version} (${m.files.map((f) => `${f.name} ${f.size}`).join(', ')})`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
