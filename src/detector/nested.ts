import { overlapOfSmaller } from './box-geometry.js';

/** An axis-aligned box with a score, in any pixel space. */
export interface ScoredBox {
  score: number;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * After NMS: drops a box that lies mostly inside a better-scoring one (intersection over the
 * smaller area above `threshold`). Glyphs on a sign never nest, but a detector often adds a
 * box for half of a digit ("0" read as a "4" inside it) whose IoU with the whole is under the NMS
 * threshold. Input in any order; output keeps the survivors in descending score.
 * Mirrors drop_nested in models/training/digitlens/postprocess.py.
 */
export function dropNested<T extends ScoredBox>(boxes: T[], threshold: number): T[] {
  const kept: T[] = [];
  for (const b of [...boxes].sort((p, q) => q.score - p.score)) {
    const nested = kept.some((k) => overlapOfSmaller(b, k) > threshold);
    if (!nested) kept.push(b);
  }
  return kept;
}
