// The line reader's pipeline end to end on tiny data: fine-tune on a corrections zip, export next
// to a detector as one model version (parity checked by the exporter), and the eval CLI's stages.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { defaultModelDirFor } from '../../src/cli/model-dir.js';

const ROOT = resolve(import.meta.dirname, '../..');
const PY = process.env.PYTHON ?? '/usr/bin/python3';
const tsx = join(ROOT, 'node_modules/.bin/tsx');

describe('line reader pipeline on tiny data', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'digit-lens-reader-'));
  const out = join(tmp, 'digits');
  const shipped = defaultModelDirFor(ROOT);
  let trainLog = '';
  let exportLog = '';
  before(() => {
    const zip = join(tmp, 'corrections.zip');
    execFileSync(PY, ['-m', 'digitlens.corrections', '--fixture', zip, '--n', '3'], {
      cwd: join(ROOT, 'models/training'),
      stdio: 'pipe',
    });
    // The version to put the reader beside: a copy of the shipped detector.
    mkdirSync(join(out, 'base'), { recursive: true });
    for (const f of readdirSync(shipped).filter((f) => f === 'model.json' || f.startsWith('group')))
      copyFileSync(join(shipped, f), join(out, 'base', f));
    copyFileSync(join(ROOT, 'models/digits/latest.json'), join(out, 'latest.json'));
    trainLog = execFileSync(
      process.execPath,
      [
        join(ROOT, 'scripts/py.mjs'),
        '-m',
        'digitlens.reader.train',
        '--run',
        join(tmp, 'run'),
        '--steps',
        '2',
        '--batch',
        '2',
        '--k',
        '2',
        '--val',
        '4',
        '--workers',
        '0',
        '--init',
        join(shipped, 'reader-weights.pt'),
        '--corrections',
        zip,
        '--lr',
        '1e-5',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    exportLog = execFileSync(
      tsx,
      [
        'scripts/export-reader.ts',
        '--weights',
        join(tmp, 'run/last.pt'),
        '--version',
        'tiny',
        '--detector',
        'base',
        '--out',
        out,
        '--work',
        join(tmp, 'work'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('fine-tunes on corrections and ships the reader beside the detector, listed and hashed', () => {
    assert.match(trainLog, /fine-tuning from .*reader-weights\.pt/);
    assert.match(trainLog, /corrections: \d+ crops from 1 zip/);
    assert.match(exportLog, /float32 parity vs PyTorch/);
    const dir = join(out, 'tiny');
    const reader = JSON.parse(readFileSync(join(dir, 'reader.json'), 'utf8'));
    assert.equal(reader.userDefinedMetadata.reader.charset, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-');
    assert.deepEqual(reader.weightsManifest[0].paths, ['reader-shard1of1.bin']);
    const detector = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    assert.equal(detector.userDefinedMetadata.detector.version, 'tiny', 'one version names the pair');
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.bin'))) assert.ok(statSync(join(dir, f)).size <= 1024 * 1024);
    const latest = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8')) as { version: string; files: { name: string }[] };
    assert.equal(latest.version, 'tiny');
    // Every file of the pair is listed (the detector has one shard or more, by model version).
    const shipped = readdirSync(dir).filter((f) => f.endsWith('.bin') || f.endsWith('.json'));
    assert.deepEqual(latest.files.map((f) => f.name).sort(), shipped.sort());
    assert.ok(
      shipped.some((f) => f.startsWith('group1-shard')),
      'the detector shards',
    );
    for (const f of ['model.json', 'reader-shard1of1.bin', 'reader.json']) assert.ok(shipped.includes(f), f);
  });

  it('eval CLI runs both stages and prints their times and the text accuracy', () => {
    const data = join(tmp, 'data');
    mkdirSync(join(data, 'images'), { recursive: true });
    copyFileSync(join(ROOT, 'test/fixtures/images/parity.png'), join(data, 'images/a.png'));
    writeFileSync(join(data, 'annotations.json'), JSON.stringify([{ file: 'images/a.png', number: '407', text: '407' }]));
    const text = execFileSync(tsx, ['src/cli/eval.ts', '--data', data, '--model', join(out, 'tiny')], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    assert.match(text, /detector \+ line reader/);
    assert.match(text, /detector \(both passes\): median/);
    assert.match(text, /line reader: median [\d.]+, p90 [\d.]+; per number/);
    assert.match(text, /^text_accuracy: [01]\.\d{3} \(\d\/1\)$/m);
    assert.match(text.trim().split('\n').at(-1)!, /^number_accuracy: [01]\.\d{3} \(\d\/1\)$/);
  });
});
