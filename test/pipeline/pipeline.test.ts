// The model pipeline end to end on tiny data: one training step, export to TF.js (parity checked
// by the exporter), shard limits, and the eval CLI's output contract.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultModelDirFor } from '../../src/cli/model-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PY = process.env.PYTHON ?? '/usr/bin/python3';
const tsx = join(ROOT, 'node_modules/.bin/tsx');

describe('model pipeline on tiny data', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-pipeline-'));
  const out = join(tmp, 'digits');
  let exportLog = '';
  let trainLog = '';
  before(() => {
    // Fine-tune the shipped model on a tiny corrections zip, as `npm run train -- --corrections` does.
    const zip = join(tmp, 'corrections.zip');
    const training = join(ROOT, 'models/training');
    execFileSync(PY, ['-m', 'digitlens.corrections', '--fixture', zip, '--n', '3'], { cwd: training, stdio: 'pipe' });
    const shipped = join(defaultModelDirFor(ROOT), 'weights.pt');
    trainLog = execFileSync(
      process.execPath,
      [
        join(ROOT, 'scripts/py.mjs'),
        '-m',
        'digitlens.train',
        '--run',
        join(tmp, 'run'),
        '--steps',
        '1',
        '--batch',
        '4',
        '--size',
        '96',
        '--init',
        shipped,
        '--corrections',
        zip,
        '--workers',
        '0',
        '--val-images',
        '4',
        // As the README's fine-tune: a small step, and BatchNorm statistics kept (a batch of 4
        // would overwrite them and push activations past what float16 reproduces within 0.05).
        '--lr',
        '1e-4',
        '--freeze-bn',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    exportLog = execFileSync(
      tsx,
      [
        'scripts/export-model.ts',
        '--weights',
        join(tmp, 'run/last.pt'),
        '--version',
        'tiny',
        '--out',
        out,
        '--work',
        join(tmp, 'work'),
        '--input-size',
        '96',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('exports a loadable TF.js model in shards of at most 1 MiB, with metadata and hashes', () => {
    const dir = join(out, 'tiny');
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    assert.equal(json.format, 'layers-model');
    assert.equal(json.userDefinedMetadata.detector.version, 'tiny');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.bin'))) {
      assert.ok(statSync(join(dir, f)).size <= 1024 * 1024, `${f} <= 1 MiB`);
    }
    assert.ok(
      json.weightsManifest[0].weights.every((w: { quantization?: { dtype: string } }) => w.quantization?.dtype === 'float16'),
    );
    const latest = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    assert.equal(latest.version, 'tiny');
    assert.ok(latest.files.every((f: { sha256: string }) => /^[0-9a-f]{64}$/.test(f.sha256)));
    assert.match(exportLog, /float32 parity/);
    assert.match(trainLog, /fine-tuning from .*weights\.pt/);
    assert.match(trainLog, /corrections: 3 samples from 1 zip/);
    const card = readFileSync(join(dir, 'README.md'), 'utf8');
    assert.match(card, /corrections\.zip/, 'the model card names the data used');
  });

  it('eval CLI scores a folder and ends with the number_accuracy line', () => {
    const data = join(tmp, 'data');
    mkdirSync(join(data, 'images'), { recursive: true });
    copyFileSync(join(ROOT, 'test/fixtures/images/parity.png'), join(data, 'images/a.png'));
    writeFileSync(
      join(data, 'annotations.json'),
      JSON.stringify([
        { file: 'images/a.png', number: '407' },
        { file: 'images/a.png', numbers: [] },
      ]),
    );
    const text = execFileSync(tsx, ['src/cli/eval.ts', '--data', data, '--model', join(out, 'tiny'), '--size', '96'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const lines = text.trim().split('\n');
    assert.match(lines.at(-1)!, /^number_accuracy: (0|1)\.\d{3} \(\d+\/1\)$/);
    assert.ok(
      lines.some((l) => /^false_numbers_on_empty: \d+\/1$/.test(l)),
      'reports false numbers on empty frames',
    );
    assert.ok(
      lines.some((l) => /per-image ms \(wasm\)/.test(l)),
      'runs on the WASM backend',
    );
  });
});
