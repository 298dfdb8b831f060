import type * as tf from '@tensorflow/tfjs-core';
import type { DigitDetector } from '../detector/detector.js';
import { readWholeFrame, type FrameReading, type WholeFrameOptions } from '../detector/whole-frame.js';
import type { LineReader } from './line-reader.js';
import { DEFAULT_JUDGE, stands, type JudgeOptions } from './judge.js';
import { readCandidates } from './read-candidates.js';
import { readNumbers, type Crop } from './read-numbers.js';

export interface TwoStageReading extends FrameReading {
  /** Stage 1 (detector, both passes) and stage 2 (line reader) wall times. */
  detectorMs: number;
  readerMs: number;
}

/**
 * The whole reading of one frame, shared by the worker and the eval CLI: the detector finds the
 * numbers (whole frame, then zoomed on a distant one), the line reader reads each from the
 * full-resolution frame. Without a reader (an older model version) the detector's reading stands.
 */
export async function readFrameTwoStage(
  detector: DigitDetector,
  reader: LineReader | null,
  image: tf.Tensor3D,
  options: WholeFrameOptions & { crop: Crop; judge?: JudgeOptions },
): Promise<TwoStageReading> {
  const found = await readWholeFrame(detector, image, options);
  if (!reader || (found.numbers.length === 0 && found.candidates.length === 0))
    return { ...found, detectorMs: found.ms, readerMs: 0 };
  const t0 = performance.now();
  const [height, width] = image.shape;
  // The model version's own thresholds unless the caller chooses (scripts/choose-judge.ts does).
  const judge = options.judge ?? reader.meta.judge ?? DEFAULT_JUDGE;
  const read = await readNumbers(reader, found.numbers, options.crop, width, height);
  const numbers = read.filter((n) => stands(n, judge));
  // Whole-number boxes nothing was read from: the reader judges them (after the glyph readings, so
  // a number read from its glyphs keeps first place).
  const extra = await readCandidates(reader, found.candidates, options.crop, width, height, judge);
  const all = [...numbers, ...extra];
  const readerMs = performance.now() - t0;
  const tooSmall = all.length === 0 && found.tooSmall;
  return { ...found, numbers: all, tooSmall, detectorMs: found.ms, readerMs, ms: found.ms + readerMs };
}
