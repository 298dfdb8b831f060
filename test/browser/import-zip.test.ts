import { strToU8, zipSync } from 'fflate';
import { ImportError, readZip } from '../../src/history/dataset-zip.js';
import { assert, assertEqual } from '../helpers/assert.js';

const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xd9]);
const record = (id: string, extra: object = {}) => ({
  id,
  file: `images/${id}.jpg`,
  width: 10,
  height: 10,
  number: '12',
  boxes: [],
  confirmed: true,
  ...extra,
});

function expectImportError(data: Uint8Array, pattern: RegExp): void {
  try {
    readZip(data);
  } catch (e) {
    assert(e instanceof ImportError, `ImportError, got ${String(e)}`);
    assert(pattern.test(e.message), `message ${e.message}`);
    return;
  }
  throw new Error('expected an ImportError');
}

describe('importing a malformed or hostile export zip', () => {
  it('never extracts path-traversal names and drops records that point at them', () => {
    const zip = zipSync({
      '../../evil.jpg': jpeg,
      'images/../../evil2.jpg': jpeg,
      'images/ok.jpg': jpeg,
      'annotations.json': strToU8(JSON.stringify([record('ok'), { ...record('x'), file: '../../evil.jpg' }])),
    });
    const { records, images, rejected } = readZip(zip);
    assertEqual(records.length, 1);
    assertEqual(rejected, 1);
    assert(!Object.keys(images).some((n) => n.includes('..')), 'no traversal name extracted');
  });

  it('skips entries that declare a huge size instead of inflating them', () => {
    const big = new Uint8Array(16 * 1024 * 1024); // 16 MB of zeros: compresses to almost nothing
    const zip = zipSync({ 'images/big.jpg': big, 'annotations.json': strToU8(JSON.stringify([record('big')])) });
    assert(zip.byteLength < 1024 * 1024, 'the archive itself is small (a zip bomb in miniature)');
    const { records, images } = readZip(zip);
    assertEqual(records.length, 0, 'record whose image was refused is dropped');
    assert(!('images/big.jpg' in images), 'huge entry not extracted');
  });

  it('gives a clear message for bad JSON, a missing annotations file, and a file that is not a zip', () => {
    expectImportError(zipSync({ 'annotations.json': strToU8('{not json') }), /not valid JSON/);
    expectImportError(zipSync({ 'images/a.jpg': jpeg }), /no annotations\.json/);
    expectImportError(strToU8('PK but not really a zip file at all'), /not a readable zip|no annotations/);
    expectImportError(zipSync({ 'annotations.json': strToU8('{"a": 1}') }), /list of records/);
  });

  it('rejects records with impossible values', () => {
    const bad = [
      record('a', { number: '12<script>' }),
      record('b', { boxes: [{ digit: 11, x: 0, y: 0, w: 1, h: 1 }] }),
      record('c', { width: -1 }),
    ];
    const zip = zipSync({
      'images/a.jpg': jpeg,
      'images/b.jpg': jpeg,
      'images/c.jpg': jpeg,
      'annotations.json': strToU8(JSON.stringify(bad)),
    });
    const { records, rejected } = readZip(zip);
    assertEqual(records.length, 0);
    assertEqual(rejected, 3);
  });
});
