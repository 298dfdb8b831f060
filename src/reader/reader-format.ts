import { isJudgeOptions, type JudgeOptions } from './judge.js';

/** What the reader's exporter writes into reader.json (userDefinedMetadata.reader) and the app reads. */
export interface ReaderMetadata {
  name: string;
  /** Input height and (padded) width in pixels. */
  height: number;
  width: number;
  /** Characters of classes 1..n (class 0 is the CTC blank). */
  charset: string;
  preprocessing: string;
  /** The judge's thresholds chosen for this model version on synthetic empty frames (scripts/choose-judge.ts). */
  judge?: JudgeOptions;
}

export function isReaderMetadata(x: unknown): x is ReaderMetadata {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as Record<string, unknown>;
  return (
    typeof m.height === 'number' &&
    typeof m.width === 'number' &&
    typeof m.charset === 'string' &&
    (m.judge === undefined || isJudgeOptions(m.judge))
  );
}
