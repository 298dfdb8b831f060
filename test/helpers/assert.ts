/** Minimal assertions for browser tests (mocha runs them; failures throw). */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

export function assertEqual<T>(actual: T, expected: T, message = ''): void {
  if (actual !== expected) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)} ${message}`);
}

/** Polls until fn returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  fn: () => T | Promise<T>,
  what: string,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const end = performance.now() + timeoutMs;
  let last: T | undefined;
  while (performance.now() < end) {
    last = await fn();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Finds an element by data-testid through open shadow roots. */
export function byTestId(root: Document | Element | ShadowRoot, id: string): HTMLElement | null {
  const direct = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (direct) return direct;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) {
      const found = byTestId(el.shadowRoot, id);
      if (found) return found;
    }
  }
  return null;
}
