/** What "Keep at most" accepts: a whole number of captures, at least one. */
export const MAX_CAPTURES_PROBLEM = 'Enter a whole number of 1 or more.';

/**
 * The limit the user typed, or the reason it cannot be one. An empty field, 0, a negative or a
 * fractional number is refused with that reason: a limit is never guessed nor silently ignored.
 */
export function parseMaxCaptures(typed: string): { value: number } | { problem: string } {
  const text = typed.trim();
  const n = Number(text);
  return text !== '' && Number.isInteger(n) && n >= 1 ? { value: n } : { problem: MAX_CAPTURES_PROBLEM };
}
