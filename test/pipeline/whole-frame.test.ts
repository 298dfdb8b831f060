// The whole-frame reader through the eval CLI, on the shipped model and the fixture frames from
// make-fixtures.mjs: every number in view is returned, a word under a number never joins it, and a
// bare wall gives none. The same run measures the single pass, which misses the small sign.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
// @ts-expect-error plain JS module shared with the web-test-runner config
import { FIXTURES } from '../chromium.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

describe('whole-frame reading (eval CLI, shipped model)', () => {
  const out = execFileSync(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'src/cli/eval.ts'), '--data', join(FIXTURES as string, 'whole-frames'), '--compare'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const line = (name: string): string => out.split('\n').find((l) => l.startsWith(name)) ?? '';

  it('finds every listed number, the small sign and both of two signs included', () => {
    assert.match(line('number_recall:'), /^number_recall: 1\.000 \(4\/4\)/, out);
  });

  it('reads no number from a bare wall', () => {
    assert.match(line('false_numbers_on_empty:'), /^false_numbers_on_empty: 0\/1/, out);
  });

  it('does better than a single pass measured in the same run, and prints the cost of both', () => {
    const single = /\((\d+)\/4\)/.exec(line('number_recall (single pass'))?.[1];
    assert.ok(single !== undefined && Number(single) < 4, out);
    assert.match(out, /two-pass \/ single median \d+\.\d\dx/);
  });

  it('keeps the last line the number_accuracy contract', () => {
    assert.match(out.trim().split('\n').at(-1)!, /^number_accuracy: /);
  });
});
