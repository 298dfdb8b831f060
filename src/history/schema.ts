import type { DBSchema } from 'idb';
import type { DigitBox } from '../detector/read.js';

/** One digit box as predicted or corrected, in image pixels of the stored capture. */
export type BoxRecord = DigitBox;

export interface CaptureRecord {
  id: string;
  /** ms since epoch. */
  time: number;
  /** JPEG, longer side at most 1280 px. */
  image: Blob;
  /** JPEG, longer side at most 192 px. */
  thumbnail: Blob;
  width: number;
  height: number;
  predictions: BoxRecord[];
  reading: string;
  modelVersion: string;
  backend: string;
  timings: { inferenceMs: number; frameToResultMs: number };
  source: 'camera' | 'photo';
  note?: string;
}

/** A capture without its images: what statistics over the whole history read. */
export type CaptureSummary = Pick<CaptureRecord, 'id' | 'modelVersion' | 'predictions'>;

export interface CorrectionRecord {
  captureId: string;
  /** The right number, as the user typed or confirmed it. */
  reading: string;
  boxes: BoxRecord[];
  /** True when the user confirmed the prediction unchanged. */
  confirmed: boolean;
  time: number;
}

export const DB_NAME = 'digit-lens';
/** Bump with an upgrade step in db.ts for every schema change; never edit an old step. */
export const DB_VERSION = 2;

/** User settings kept with the history (v2). */
export interface Settings {
  /** Keep at most this many captures; beyond it the oldest uncorrected ones go first. */
  maxCaptures: number;
  /** Save a capture by itself once a new number has held steady for a moment (off by default). */
  autoCapture: boolean;
}

export const DEFAULT_SETTINGS: Settings = { maxCaptures: 1000, autoCapture: false };

export interface HistoryDB extends DBSchema {
  captures: { key: string; value: CaptureRecord; indexes: { 'by-time': number; 'by-reading': string } };
  corrections: { key: string; value: CorrectionRecord; indexes: { 'by-time': number } };
  settings: { key: string; value: number | boolean };
}
