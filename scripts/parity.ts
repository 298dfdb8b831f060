/** Compares a TF.js model with the PyTorch reference outputs written by digitlens.export. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';

export function readF32(path: string): Float32Array {
  const b = readFileSync(path);
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

export interface ReferenceCase {
  input: number[];
  logits: number[];
  boxes: number[];
}

/** The model-output cases of a reference folder (index.json also lists raw images). */
export function referenceCases(refDir: string): Record<string, ReferenceCase> {
  const index = JSON.parse(readFileSync(join(refDir, 'index.json'), 'utf8')) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(index).filter(([, v]) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  ) as Record<string, ReferenceCase>;
}

/** Max |tfjs - pytorch| over logits and box deltas, per reference case. */
export async function parityErrors(model: LayersModel, refDir: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, shapes] of Object.entries(referenceCases(refDir))) {
    const x = tf.tensor(readF32(join(refDir, `${name}.input.bin`)), shapes.input);
    const outputs = model.predict(x) as tf.Tensor[];
    let worst = 0;
    for (const [got, file] of [
      [outputs[0], 'logits'],
      [outputs[1], 'boxes'],
    ] as const) {
      const want = readF32(join(refDir, `${name}.${file}.bin`));
      const g = await got.data();
      if (g.length !== want.length) throw new Error(`${name}.${file}: ${g.length} values, reference has ${want.length}`);
      for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(g[i] - want[i]));
    }
    tf.dispose([x, ...outputs]);
    out[name] = worst;
  }
  return out;
}
