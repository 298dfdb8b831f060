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
  /** Everything the line reader read, letters included ("502B"); absent when it read no more than the digits. */
  text?: string;
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
/** Bump with an upgrade step in openHistoryDb (history-connection.ts) for every schema change; never edit an old step. */
export const DB_VERSION = 2;

/** User settings kept with the history (v2). */
export interface Settings {
  /** Keep at most this many captures; beyond it the oldest uncorrected ones go first. */
  maxCaptures: number;
  /** Save a capture by itself once a new number has held steady for a moment (off by default). */
  autoCapture: boolean;
  /** Say each new steady reading aloud, with a short vibration (off by default). */
  speak: boolean;
  /** Speak it digit by digit ("four zero three") rather than as a number ("four hundred and three"). */
  speakDigits: boolean;
}

export const DEFAULT_SETTINGS: Settings = { maxCaptures: 1000, autoCapture: false, speak: false, speakDigits: false };

export interface HistoryDB extends DBSchema {
  // 'by-reading' is unused (search walks 'by-time' and matches the reading's prefix), but every
  // existing database has it from v1: dropping it would take a v3 upgrade that older open tabs
  // block, for no gain to the user. So it stays.
  captures: { key: string; value: CaptureRecord; indexes: { 'by-time': number; 'by-reading': string } };
  corrections: { key: string; value: CorrectionRecord; indexes: { 'by-time': number } };
  settings: { key: string; value: number | boolean };
}

/*
 * Record validation. One set of rules for what may be stored and exported and what an import
 * accepts: a record is checked as a whole, and what fails is named (path and reason), never
 * stored. A rule returns the problem, or null when the value is fine.
 */
export type Rule = (value: unknown, at: string) => string | null;

/** Coordinates and sizes in image pixels: generous, but finite and bounded. */
export const MAX_SIDE = 100_000;
/** The largest time a Date can hold, in ms since epoch. */
const MAX_TIME = 8.64e15;
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,80}$/;
export const IMAGE_NAME = /^images\/[A-Za-z0-9_-]{1,80}\.jpg$/;
/** The number the user typed or confirmed (one digit per box at most). */
const NUMBER_PATTERN = /^\d{0,64}$/;
/** The number the model read: one digit per box at most. */
const READING_PATTERN = /^\d{0,256}$/;
/** Model versions, backend names: short, no control characters. */
/** What the line reader prints: digits, capital letters, the separator. */
const TEXT_PATTERN = /^[0-9A-Z-]{0,64}$/;
const LABEL_PATTERN = /^[^\p{Cc}]{0,100}$/u;
export const MAX_BOXES = 64;
export const MAX_PREDICTED_BOXES = 256;

const where = (at: string): string => at || 'the record';
const join = (at: string, key: string | number): string =>
  typeof key === 'number' ? `${at}[${key}]` : at ? `${at}.${key}` : key;

export const isNumberIn =
  (min: number, max: number, integer = false): Rule =>
  (v, at) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v))
      ? null
      : `${where(at)} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`;

export const isString =
  (pattern: RegExp, what: string): Rule =>
  (v, at) =>
    typeof v === 'string' && v.length <= 10_000 && pattern.test(v) ? null : `${where(at)} must be ${what}`;

export const isBoolean: Rule = (v, at) => (typeof v === 'boolean' ? null : `${where(at)} must be true or false`);

export const isOneOf =
  (...values: string[]): Rule =>
  (v, at) =>
    values.includes(v as string) ? null : `${where(at)} must be ${values.map((x) => `"${x}"`).join(' or ')}`;

export const isBlob: Rule = (v, at) => (v instanceof Blob ? null : `${where(at)} must be an image`);

export const isList =
  (item: Rule, max: number): Rule =>
  (v, at) => {
    if (!Array.isArray(v)) return `${where(at)} must be a list`;
    if (v.length > max) return `${where(at)} has ${v.length} entries, more than ${max}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], join(at, i));
      if (problem) return problem;
    }
    return null;
  };

/** A plain object with these fields (each checked by its rule); `optional` ones may be absent. */
export const isObject =
  (fields: Record<string, Rule>, optional: readonly string[] = []): Rule =>
  (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || v instanceof Blob) return `${where(at)} must be an object`;
    for (const [key, rule] of Object.entries(fields)) {
      const value = Object.hasOwn(v, key) ? (v as Record<string, unknown>)[key] : undefined;
      if (value === undefined) {
        if (optional.includes(key)) continue;
        return `${join(at, key)} is missing`;
      }
      const problem = rule(value, join(at, key));
      if (problem) return problem;
    }
    return null;
  };

const digit = isNumberIn(0, 9, true);
const coordinate = isNumberIn(-MAX_SIDE, MAX_SIDE);
const extent = isNumberIn(0, MAX_SIDE);
const side = isNumberIn(1, MAX_SIDE, true);
const time = isNumberIn(0, MAX_TIME);
const number = isString(NUMBER_PATTERN, 'a string of at most 64 digits');
const reading = isString(READING_PATTERN, 'a string of digits');
const label = isString(LABEL_PATTERN, 'a short text');
const text = isString(TEXT_PATTERN, 'digits, capital letters and - (at most 64)');

/** A digit box as the user corrected it (no score). */
export const BOX: Rule = isObject({ digit, x: coordinate, y: coordinate, w: extent, h: extent });
/** A digit box as the model predicted it. */
export const PREDICTED_BOX: Rule = isObject({
  digit,
  score: isNumberIn(0, 1),
  x: coordinate,
  y: coordinate,
  w: extent,
  h: extent,
});

/** A stored capture: every field the history, search, statistics and export read. */
export const CAPTURE: Rule = isObject(
  {
    id: isString(ID_PATTERN, 'letters, digits, - or _ (1 to 80)'),
    time,
    image: isBlob,
    thumbnail: isBlob,
    width: side,
    height: side,
    predictions: isList(PREDICTED_BOX, MAX_PREDICTED_BOXES),
    reading,
    text,
    modelVersion: label,
    backend: label,
    timings: isObject({ inferenceMs: isNumberIn(0, MAX_TIME), frameToResultMs: isNumberIn(0, MAX_TIME) }),
    source: isOneOf('camera', 'photo'),
  },
  ['text'],
);

/** A stored correction. */
export const CORRECTION: Rule = isObject({
  captureId: isString(ID_PATTERN, 'letters, digits, - or _ (1 to 80)'),
  reading: number,
  boxes: isList(BOX, MAX_BOXES),
  confirmed: isBoolean,
  time,
});

/**
 * One record of annotations.json in an exported zip: what export writes and import accepts, by
 * the same rule. The fields after `boxes` are optional on import (files from the training
 * pipeline or older exports may lack them; they get the defaults in dataset-zip.ts), but when
 * present they must be right.
 */
export interface AnnotationRecord {
  id: string;
  file: string;
  width: number;
  height: number;
  /** The right number (the user's); for a capture not reviewed yet, the model's reading. */
  number: string;
  /** Per-digit boxes in pixels of this image: x, y, w, h (the model's, when not reviewed). */
  boxes: Array<Pick<BoxRecord, 'digit' | 'x' | 'y' | 'w' | 'h'>>;
  /**
   * False for a capture nobody has confirmed or corrected: kept in a backup, but its number and
   * boxes are only the model's guess, so training skips it. Absent means reviewed (older exports
   * held only reviewed captures; the training pipeline's own files too).
   */
  reviewed?: boolean;
  confirmed?: boolean;
  /** When the review was saved (ms since epoch). */
  time?: number;
  /** When the photo was taken (ms since epoch); older exports lack it. */
  captureTime?: number;
  modelVersion?: string;
  backend?: string;
  source?: 'camera' | 'photo';
  predicted?: { number: string; boxes: BoxRecord[] };
  /**
   * The sign's whole text, letters included ("502B"), where the line reader read it and its digits
   * are the number's: the training pipeline teaches the reader letters from it.
   */
  text?: string;
}

export const ANNOTATION: Rule = isObject(
  {
    id: isString(ID_PATTERN, 'letters, digits, - or _ (1 to 80)'),
    file: isString(IMAGE_NAME, 'images/<id>.jpg'),
    width: side,
    height: side,
    number,
    boxes: isList(BOX, MAX_BOXES),
    reviewed: isBoolean,
    confirmed: isBoolean,
    time,
    captureTime: time,
    modelVersion: label,
    backend: label,
    source: isOneOf('camera', 'photo'),
    predicted: isObject({ number: reading, boxes: isList(PREDICTED_BOX, MAX_PREDICTED_BOXES) }),
    text,
  },
  ['reviewed', 'confirmed', 'time', 'captureTime', 'modelVersion', 'backend', 'source', 'predicted', 'text'],
);
