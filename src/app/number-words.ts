/**
 * Numbers as English words, for speaking a reading aloud: "403" → "four hundred and three",
 * "4721" → "four thousand seven hundred and twenty-one". A reading that is not a plain number (a
 * leading zero, as in "0403", or more than nine digits) is said digit by digit.
 */
const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 1..99 */
function belowHundred(n: number): string {
  if (n < 10) return ONES[n];
  if (n < 20) return TEENS[n - 10];
  return TENS[Math.floor(n / 10)] + (n % 10 ? `-${ONES[n % 10]}` : '');
}

/** 1..999: "four hundred and three". */
function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (!hundreds) return belowHundred(rest);
  return `${ONES[hundreds]} hundred${rest ? ` and ${belowHundred(rest)}` : ''}`;
}

/** Each digit as a word: "0403" → "zero four zero three". */
export function digitWords(digits: string): string {
  return [...digits].map((d) => ONES[Number(d)] ?? d).join(' ');
}

/** A reading as a number in words (British "and"), or digit by digit where it is not a plain number. */
export function numberWords(digits: string): string {
  if (!/^\d+$/.test(digits)) return digits;
  if ((digits.length > 1 && digits.startsWith('0')) || digits.length > 9) return digitWords(digits);
  let n = Number(digits);
  if (n === 0) return 'zero';
  const parts: string[] = [];
  for (const [size, name] of [
    [1e6, 'million'],
    [1e3, 'thousand'],
  ] as const) {
    if (n >= size) {
      parts.push(`${belowThousand(Math.floor(n / size))} ${name}`);
      n %= size;
    }
  }
  // "one thousand and five": the "and" before a last part under a hundred.
  if (n) parts.push(parts.length && n < 100 ? `and ${belowHundred(n)}` : belowThousand(n));
  return parts.join(' ');
}
