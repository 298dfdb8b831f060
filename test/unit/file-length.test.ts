/** The house rule: no source file over 300 lines (split a file by the jobs it does instead). */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const SRC = join(resolve(import.meta.dirname, '../..'), 'src');
const MAX_LINES = 300;

describe('source files', () => {
  it(`are at most ${MAX_LINES} lines each`, () => {
    const long = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((f) => /\.(ts|css)$/.test(f))
      .map((f) => ({ f, lines: readFileSync(join(SRC, f), 'utf8').split('\n').length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES);
    assert.deepEqual(long, [], `over ${MAX_LINES} lines: ${long.map(({ f, lines }) => `src/${f} (${lines})`).join(', ')}`);
  });
});
