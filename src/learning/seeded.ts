/**
 * The random choices of a learning run (crop jitter, batch order, dropout masks), all drawn from
 * one seed: the same captures and seed learn the same model, on every run and every device.
 */

/** A small deterministic random source (mulberry32): numbers in [0, 1). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 0..n-1 in a random order (Fisher–Yates). */
export function shuffled(n: number, rnd: () => number): Uint32Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** A whole-number seed for a library that takes one (TF.js initialisers and dropout). */
export const nextSeed = (rnd: () => number): number => Math.floor(rnd() * 2 ** 31);
