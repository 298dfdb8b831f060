import type { BoxRecord, CaptureSummary, CorrectionRecord } from './schema.js';

export interface VersionStats {
  version: string;
  captures: number;
  confirmed: number;
  corrected: number;
}

export interface FeedbackStats {
  versions: VersionStats[];
  /** confusion[predicted][actual]: digit boxes matched by IoU >= 0.5; index 10 = missed / extra. */
  confusion: number[][];
}

/** A box the statistics can use: a digit 0-9 with finite geometry (damaged records are passed over). */
const usable = (b: BoxRecord): boolean =>
  typeof b === 'object' &&
  b !== null &&
  Number.isInteger(b.digit) &&
  b.digit >= 0 &&
  b.digit <= 9 &&
  [b.x, b.y, b.w, b.h].every(Number.isFinite);
const boxesOf = (list: unknown): BoxRecord[] => (Array.isArray(list) ? list.filter(usable) : []);

const iou = (a: BoxRecord, b: BoxRecord): number => {
  const x0 = Math.max(a.x, b.x);
  const y0 = Math.max(a.y, b.y);
  const x1 = Math.min(a.x + a.w, b.x + b.w);
  const y1 = Math.min(a.y + a.h, b.y + b.h);
  const inter = Math.max(0, x1 - x0) * Math.max(0, y1 - y0);
  return inter / (a.w * a.h + b.w * b.h - inter || 1);
};

/**
 * Per model version: how many captures were confirmed vs corrected; and which digit was read as
 * which (predicted boxes matched greedily to corrected boxes). Row/column 10 counts boxes the
 * model invented (predicted, no true digit) and digits it missed (true digit, no prediction).
 */
export function feedbackStats(items: Array<{ capture: CaptureSummary; correction?: CorrectionRecord }>): FeedbackStats {
  const versions = new Map<string, VersionStats>();
  const confusion = Array.from({ length: 11 }, () => Array<number>(11).fill(0));
  for (const { capture, correction } of items) {
    const version = String(capture.modelVersion);
    const v = versions.get(version) ?? { version, captures: 0, confirmed: 0, corrected: 0 };
    v.captures++;
    versions.set(version, v);
    if (!correction) continue;
    if (correction.confirmed) v.confirmed++;
    else v.corrected++;
    const truth = boxesOf(correction.boxes);
    for (const p of boxesOf(capture.predictions)) {
      let best = -1;
      let bestIou = 0.5;
      truth.forEach((t, i) => {
        const o = iou(p, t);
        if (o >= bestIou) {
          best = i;
          bestIou = o;
        }
      });
      if (best >= 0) {
        confusion[p.digit][truth[best].digit]++;
        truth.splice(best, 1);
      } else confusion[p.digit][10]++;
    }
    for (const t of truth) confusion[10][t.digit]++;
  }
  return { versions: [...versions.values()].sort((a, b) => a.version.localeCompare(b.version)), confusion };
}
