/** Typed messages between the page and the learning worker. */
import type { DigitBox } from '../detector/read.js';
import type { GlyphWeights } from './glyph-model.js';

/** One reviewed capture, as the worker needs it: the image, what the detector saw, what is right. */
export interface ReviewedCapture {
  id: string;
  image: Blob;
  /** The detector's boxes (in image pixels), as stored with the capture. */
  predictions: DigitBox[];
  /** The right number, as the user confirmed or typed it. */
  truth: string;
  /** The right boxes, each with its digit (the user's). */
  boxes: Array<Omit<DigitBox, 'score'>>;
}

/** Shipped example glyphs, replayed so the personal model keeps reading other styles. */
export interface ReplaySet {
  /** A grid of GLYPH×GLYPH tiles, row by row. */
  atlas: Blob;
  labels: number[];
}

export interface LearnOptions {
  epochs?: number;
  /** Training copies of each of the user's glyphs, each shifted and scaled a little. */
  copies?: number;
  /** Seeds every random choice of the run (crop jitter, initial weights, batch order, dropout). */
  seed?: number;
}

/** The app always learns with this seed: the same reviewed captures give the same model. */
export const DEFAULT_SEED = 1;

/** The held-back glyph crops a personal model was measured on: kept with it, to check it before use. */
export interface PersonalTrial {
  /** Each held-back capture: the right number and the boxes the detector read it from. */
  cases: Array<{ truth: string; boxes: DigitBox[] }>;
  /** Their boxes' crops, GLYPH×GLYPH floats each, case after case. */
  glyphs: ArrayBuffer;
}

/** What a finished learning run measured and made. */
export interface LearnResult {
  weights: GlyphWeights;
  trial: PersonalTrial;
  /** The personal model relabels a box only when at least this sure (chosen on the held-out captures). */
  threshold: number;
  /** Held-out captures, and how many of them each reader read right. */
  heldOut: number;
  shippedCorrect: number;
  personalCorrect: number;
  trainGlyphs: number;
  replayGlyphs: number;
  ms: number;
  backend: string;
  /** Most tensor memory held at once while learning, and the WASM heap at the end (bytes). */
  peakTensorBytes: number;
  heapBytes: number;
}

export type Stage = 'preparing' | 'training' | 'measuring';

export type LearnRequest = { type: 'learn'; captures: ReviewedCapture[]; replay: ReplaySet | null; options?: LearnOptions };

export type LearnResponse =
  | { type: 'progress'; stage: Stage; fraction: number }
  | { type: 'done'; result: LearnResult }
  | { type: 'error'; message: string };
