/**
 * PyTorch checkpoint -> TF.js layers model under models/digits/<version>/.
 *
 *   npm run export -- --weights models/training/runs/v1/last.pt --version v1 [--quantize float16|uint8|none]
 *
 * Python (digitlens.export) folds BatchNorm and writes a graph spec + float32 weights + reference
 * outputs; this script rebuilds the same graph with tfjs layers (explicit zero padding before every
 * stride-2 conv so padding matches PyTorch exactly), quantizes the weights, writes <= 1 MiB shards,
 * checks the result against PyTorch's outputs, and updates models/digits/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { fileModel } from '../src/cli/file-model.js';
import type { DetectorMetadata, ModelManifest } from '../src/detector/model-format.js';
import { parityErrors, readF32 } from './parity.js';
import { quantizeWeights, type Quantization } from './quantize.js';

const SHARD_BYTES = 1024 * 1024;
const ROOT = resolve(import.meta.dirname, '..');

interface BlobRef {
  offset: number;
  shape: number[];
}
interface SpecNode {
  name: string;
  op: 'conv' | 'depthwise' | 'add' | 'reshape' | 'concat';
  input?: string;
  inputs?: string[];
  kernel?: number;
  stride?: number;
  pad?: number;
  filters?: number;
  relu6?: boolean;
  depth?: number;
  weight?: BlobRef;
  bias?: BlobRef;
}
interface Spec {
  nodes: SpecNode[];
  outputs: string[];
  metadata: DetectorMetadata;
}

export function buildModel(spec: Spec, weights: Float32Array): tfl.LayersModel {
  const input = tfl.input({ shape: [null, null, 3], name: 'image' });
  const t = new Map<string, tfl.SymbolicTensor>([['input', input]]);
  const get = (n: string): tfl.SymbolicTensor => {
    const s = t.get(n);
    if (!s) throw new Error(`spec references unknown node ${n}`);
    return s;
  };
  const pending: Array<[tfl.layers.Layer, SpecNode]> = [];
  for (const n of spec.nodes) {
    let out: tfl.SymbolicTensor;
    if (n.op === 'conv' || n.op === 'depthwise') {
      let x = get(n.input!);
      const pad = n.pad ?? 0;
      // TF 'same' pads stride-2 convs 0 top-left / 1 bottom-right; PyTorch pads 1 all round.
      // Explicit symmetric padding + 'valid' reproduces PyTorch exactly.
      const explicit = pad > 0 && (n.stride ?? 1) > 1;
      if (explicit) {
        x = tfl.layers
          .zeroPadding2d({
            padding: [
              [pad, pad],
              [pad, pad],
            ],
            name: `${n.name}_pad`,
          })
          .apply(x) as tfl.SymbolicTensor;
      }
      const padding = pad > 0 && !explicit ? 'same' : 'valid';
      const common = {
        kernelSize: n.kernel!,
        strides: n.stride!,
        padding,
        useBias: true,
        activation: n.relu6 ? 'relu6' : 'linear',
        name: n.name,
      } as const;
      const layer =
        n.op === 'conv'
          ? tfl.layers.conv2d({ ...common, filters: n.filters! })
          : tfl.layers.depthwiseConv2d({ ...common, depthMultiplier: 1 });
      out = layer.apply(x) as tfl.SymbolicTensor;
      pending.push([layer, n]);
    } else if (n.op === 'add') {
      out = tfl.layers.add({ name: n.name }).apply(n.inputs!.map(get)) as tfl.SymbolicTensor;
    } else if (n.op === 'reshape') {
      out = tfl.layers.reshape({ targetShape: [-1, n.depth!], name: n.name }).apply(get(n.input!)) as tfl.SymbolicTensor;
    } else {
      out = tfl.layers.concatenate({ axis: 1, name: n.name }).apply(n.inputs!.map(get)) as tfl.SymbolicTensor;
    }
    t.set(n.name, out);
  }
  const model = tfl.model({ inputs: input, outputs: spec.outputs.map(get), name: 'digit_ssd' });
  const blob = (r: BlobRef): tf.Tensor => {
    const size = r.shape.reduce((a, b) => a * b, 1);
    return tf.tensor(weights.subarray(r.offset, r.offset + size), r.shape);
  };
  for (const [layer, n] of pending) {
    const ws = [blob(n.weight!), blob(n.bias!)];
    layer.setWeights(ws);
    tf.dispose(ws);
  }
  model.setUserDefinedMetadata({ detector: spec.metadata });
  return model;
}

async function artifactsOf(model: tfl.LayersModel): Promise<tf.io.ModelArtifacts> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (!artifacts) throw new Error('model did not save');
  return artifacts;
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Writes model.json + shards of at most 1 MiB each. */
export async function writeModel(model: tfl.LayersModel, dir: string, quantization: Quantization): Promise<void> {
  const a = await artifactsOf(model);
  const { specs, data } = quantizeWeights(a.weightSpecs!, a.weightData as ArrayBuffer, quantization);
  const bytes = new Uint8Array(data);
  const n = Math.max(1, Math.ceil(bytes.byteLength / SHARD_BYTES));
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const name = `group1-shard${i + 1}of${n}.bin`;
    writeFileSync(join(dir, name), bytes.subarray(i * SHARD_BYTES, Math.min(bytes.byteLength, (i + 1) * SHARD_BYTES)));
    paths.push(name);
  }
  const json = {
    format: 'layers-model',
    generatedBy: `tfjs-layers ${tfl.version_layers}`,
    convertedBy: 'digit-lens scripts/export-model.ts',
    modelTopology: a.modelTopology,
    weightsManifest: [{ paths, weights: specs }],
    userDefinedMetadata: a.userDefinedMetadata,
  };
  writeFileSync(join(dir, 'model.json'), JSON.stringify(json));
}

export function writeManifest(digitsDir: string, version: string, inputSize: number): ModelManifest {
  const dir = join(digitsDir, version);
  const files = readdirSync(dir)
    .filter((f) => f === 'model.json' || f === 'reader.json' || f.endsWith('.bin'))
    .sort()
    .map((name) => ({ name, size: statSync(join(dir, name)).size, sha256: sha256(join(dir, name)) }));
  const manifest: ModelManifest = { version, path: version, inputSize, files };
  writeFileSync(join(digitsDir, 'latest.json'), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      weights: { type: 'string' },
      version: { type: 'string' },
      quantize: { type: 'string', default: 'float16' },
      'input-size': { type: 'string', default: '224' },
      'zoom-size': { type: 'string' },
      out: { type: 'string', default: join(ROOT, 'models/digits') },
      work: { type: 'string' },
      'no-latest': { type: 'boolean', default: false },
    },
  });
  if (!values.weights || !values.version) {
    console.error(
      'usage: npm run export -- --weights RUN/last.pt --version vN [--quantize float16|uint8|none] [--input-size 224] [--zoom-size 160]',
    );
    process.exit(2);
  }
  await tf.setBackend('cpu');
  const version = values.version;
  const work = resolve(values.work ?? join(ROOT, 'models/training/runs', `export-${version}`));
  const python = process.env.PYTHON ?? '/usr/bin/python3';
  execFileSync(
    python,
    [
      '-m',
      'digitlens.export',
      '--weights',
      resolve(values.weights),
      '--version',
      version,
      '--work',
      work,
      '--input-size',
      values['input-size']!,
      '--fixture-image',
      join(ROOT, 'test/fixtures/images/parity.png'),
      ...(values['zoom-size'] ? ['--zoom-size', values['zoom-size']] : []),
    ],
    { cwd: join(ROOT, 'models/training'), stdio: 'inherit' },
  );
  const spec = JSON.parse(readFileSync(join(work, 'spec.json'), 'utf8')) as Spec;
  const model = buildModel(spec, readF32(join(work, 'weights.bin')));
  const f32 = await parityErrors(model, join(work, 'reference'));
  console.log('float32 parity vs PyTorch (max abs error):', f32);
  // Layout or padding mistakes show up as errors of 1e-2 and more; float32 rounding stays ~1e-5.
  if (Object.values(f32).some((e) => e > 1e-3)) throw new Error('TF.js graph does not match PyTorch');
  const dir = join(resolve(values.out!), version);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  await writeModel(model, dir, values.quantize as Quantization);
  const reloaded = await tfl.loadLayersModel(fileModel(dir));
  const q = await parityErrors(reloaded, join(work, 'reference'));
  console.log(`${values.quantize} parity vs PyTorch (max abs error):`, q);
  if (Object.values(q).some((e) => e > 0.05)) throw new Error(`${values.quantize} quantization error too large`);
  cpSync(join(work, 'reference'), join(dir, 'reference'), { recursive: true });
  cpSync(join(work, 'weights.pt'), join(dir, 'weights.pt'));
  if (existsSync(join(work, 'README.md'))) cpSync(join(work, 'README.md'), join(dir, 'README.md'));
  const bytes = readdirSync(dir)
    .filter((f) => f.endsWith('.bin') && f.startsWith('group'))
    .reduce((s, f) => s + statSync(join(dir, f)).size, 0);
  console.log(`wrote ${dir}: weights ${(bytes / 1e6).toFixed(3)} MB`);
  if (!values['no-latest']) {
    const m = writeManifest(resolve(values.out!), version, Number(values['input-size']));
    console.log(`latest.json -> ${m.version} (${m.files.length} files)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
