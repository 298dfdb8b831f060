import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { digitWords, numberWords } from '../../src/app/number-words.js';

describe('numbers in words (Speak)', () => {
  it('says a reading as a number, with "and" as in British English', () => {
    const cases: Array<[string, string]> = [
      ['0', 'zero'],
      ['7', 'seven'],
      ['12', 'twelve'],
      ['40', 'forty'],
      ['85', 'eighty-five'],
      ['100', 'one hundred'],
      ['403', 'four hundred and three'],
      ['1000', 'one thousand'],
      ['1005', 'one thousand and five'],
      ['4721', 'four thousand seven hundred and twenty-one'],
      ['20000', 'twenty thousand'],
      ['123456', 'one hundred and twenty-three thousand four hundred and fifty-six'],
      ['1000001', 'one million and one'],
    ];
    for (const [digits, words] of cases) assert.equal(numberWords(digits), words, digits);
  });

  it('says a leading zero, or a very long reading, digit by digit', () => {
    assert.equal(numberWords('0403'), 'zero four zero three');
    assert.equal(numberWords('1234567890'), 'one two three four five six seven eight nine zero');
    assert.equal(digitWords('403'), 'four zero three');
  });
});
