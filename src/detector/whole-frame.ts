import * as tf from '@tensorflow/tfjs-core';
import { around, overlapOfSmaller, type Box } from './box-geometry.js';
import type { DetectOptions, DigitDetector, NumberBox } from './detector.js';
import { groupNumbers, groupWeight } from './lines.js';
import { DEFAULT_READ_OPTIONS, readGroup, readNumber, type DigitBox } from './read.js';

/** A rectangle in frame pixels. */
export type Rect = Box;

/** One number found in the frame. */
export interface FoundNumber {
  reading: string;
  /** Mean score of its digits. */
  score: number;
  /** Its digits, in frame pixels, in reading order. */
  boxes: DigitBox[];
  /** The rectangle around its digits. */
  box: Rect;
  /** Everything printed, letters included ("502B"), where the line reader read it (src/reader/). */
  text?: string;
  /** The rectangle the line reader read. */
  region?: Rect;
  /** The line reader's least confident character (0..1), where it read the number. */
  confidence?: number;
  /** Which search found it: glyphs of the whole frame, glyphs of a zoomed region, or a `number` box the reader judged. */
  source?: NumberSource;
}

export type NumberSource = 'whole' | 'zoom' | 'number box';

export interface FrameReading {
  /** Every number found, the most prominent first. */
  numbers: FoundNumber[];
  /** Glyph-like boxes (digits or letters) were seen but no number was read: the user should move closer. */
  tooSmall: boolean;
  /** Model runs this frame took (1 = whole frame only). */
  passes: number;
  ms: number;
  /**
   * Whole-number boxes (model v5+) where no number was read from glyphs, best first: the line
   * reader reads them from the full-resolution frame and keeps what it reads confidently.
   */
  candidates: NumberBox[];
}

export interface WholeFrameOptions extends DetectOptions {
  /** Pass-1 candidate threshold: low, since distant glyphs score low before they are zoomed on. */
  candidateThreshold?: number;
  /** At most this many regions are re-read per frame (bounds the cost). */
  maxRegions?: number;
  /** A group whose glyphs are at least this tall in model-input pixels is read from pass 1. */
  readableHeight?: number;
  /** A single digit found only by zooming must score at least this. */
  loneDigitScore?: number;
  /** At most this many number boxes per frame go to the line reader as candidates. */
  maxCandidates?: number;
  /** Input size of the zoomed pass 2 (defaults to pass 1's): the glyph size the model was trained at. */
  zoomSize?: number;
  /**
   * Cuts a region out of the full-resolution frame for pass 2. Defaults to tf.slice, but callers
   * that still hold the pixels should pass their own: on the WASM backend tf.slice of a camera
   * frame costs ~35 ms (it copies the whole frame out of the heap), more than the model itself.
   */
  crop?: (region: Rect) => tf.Tensor3D | Promise<tf.Tensor3D>;
}

/** What the app shows for a number: the line reader's text ("502B") where it read one, else the digits. */
export const shownText = (n: FoundNumber): string => n.text ?? n.reading;

export const DEFAULT_WHOLE_FRAME = {
  candidateThreshold: 0.05,
  numberThreshold: 0.2,
  maxRegions: 1,
  maxCandidates: 3,
  readableHeight: 22,
  loneDigitScore: 0.8,
};

const found = (boxes: DigitBox[], source: NumberSource): FoundNumber => {
  const ordered = readGroup(boxes);
  return {
    source,
    reading: ordered.map((b) => String(b.digit)).join(''),
    score: boxes.reduce((s, b) => s + b.score, 0) / boxes.length,
    boxes: ordered,
    box: around(boxes),
  };
};

/**
 * The rectangle around a candidate group that pass 2 re-reads. Its long side (twice the group, at
 * least 96 px) sets the zoom, as the square used before did; across the group it keeps three
 * quarters of that (at least twice the group). Same digit size, ~25 % less model input: measured
 * on the whole-frame bench, half-depth crops lost signs and false numbers appeared, 3/4 kept them.
 */
export function zoomRegion(group: Rect, width: number, height: number): Rect {
  const side = Math.max(2 * group.h, 2 * group.w, 96);
  const wide = group.w >= group.h;
  const across = (g: number): number => Math.max(side * 0.75, 2 * g);
  const cx = group.x + group.w / 2;
  const cy = group.y + group.h / 2;
  const w = Math.min(wide ? side : across(group.w), width);
  const h = Math.min(wide ? across(group.h) : side, height);
  return {
    x: Math.round(Math.min(Math.max(0, cx - w / 2), width - w)),
    y: Math.round(Math.min(Math.max(0, cy - h / 2), height - h)),
    w: Math.round(w),
    h: Math.round(h),
  };
}

/**
 * Reads every number in a whole frame in two passes. Pass 1 runs the detector on the whole frame
 * at its usual input size and keeps even weak glyph groups as candidates (a sign across the street
 * is a few pixels tall there); a group already big enough is read as it is. Pass 2 crops each other
 * candidate from the full-resolution frame and reads it with the same input scale, i.e. zoomed in.
 * The same path serves camera frames, chosen photos and the eval CLI.
 */
export async function readWholeFrame(
  detector: DigitDetector,
  image: tf.Tensor3D,
  options: WholeFrameOptions = {},
): Promise<FrameReading> {
  const t0 = performance.now();
  const o = { ...DEFAULT_WHOLE_FRAME, ...options };
  const read = o.read ?? DEFAULT_READ_OPTIONS;
  const [height, width] = image.shape;
  const size = o.size ?? detector.meta.inputSize;
  const toInput = size / Math.max(height, width);
  const pass1 = await detector.detect(image, { ...o, scoreThreshold: o.candidateThreshold, keepLetters: true });
  const zoomOptions = { ...o, size: o.zoomSize ?? detector.meta.zoomSize ?? size };
  // Far away, a digit often scores as a letter: every glyph is a cue where to look closer.
  const groups = groupNumbers(pass1.boxes).sort((a, b) => groupWeight(b) - groupWeight(a));
  const numbers: FoundNumber[] = [];
  let passes = 1;
  for (const g of groups) {
    const tall = Math.max(...g.map((b) => b.h)) * toInput;
    const { used } = readNumber(
      g.filter((b) => b.digit < 10),
      read,
    );
    const direct = used.length ? found(used, 'whole') : null;
    // Big enough, or already read with confidence: no zoom needed.
    if (direct && (tall >= o.readableHeight || direct.score >= o.loneDigitScore)) {
      numbers.push(direct);
      continue;
    }
    const region = zoomRegion(around(g), width, height);
    const noGain = region.w * toInput >= zoomOptions.size * 0.9 && region.h * toInput >= zoomOptions.size * 0.9;
    if (passes > o.maxRegions || noGain || numbers.some((n) => overlapOfSmaller(n.box, region) > 0.8)) {
      if (direct) numbers.push(direct); // read as the single pass would
      continue;
    }
    passes++;
    const crop = await (o.crop ? o.crop(region) : tf.slice(image, [region.y, region.x, 0], [region.h, region.w, 3]));
    let zoomed;
    try {
      zoomed = await detector.detect(crop, zoomOptions);
    } finally {
      crop.dispose();
    }
    const shifted = zoomed.boxes.map((b) => ({ ...b, x: b.x + region.x, y: b.y + region.y }));
    const zoomedRead = readNumber(shifted, read).used;
    // A lone weak digit in a zoomed patch of wall is more often texture than a house number.
    const n = zoomedRead.length ? found(zoomedRead, 'zoom') : direct;
    if (n && (n.boxes.length > 1 || n.score >= o.loneDigitScore)) numbers.push(n);
  }
  // One sign read twice (from pass 1 and from a zoomed region): keep the better reading.
  const unique: FoundNumber[] = [];
  for (const n of numbers.sort((a, b) => groupWeight(b.boxes) - groupWeight(a.boxes))) {
    if (!unique.some((u) => overlapOfSmaller(u.box, n.box) > 0.5)) unique.push(n);
  }
  // Any glyph seen and nothing read says "Move closer", whatever its size: a sign 110 px wide that
  // was seen but not read used to get "No number found — aim at the number".
  const candidates = pass1.numberBoxes
    .filter((c) => !unique.some((u) => overlapOfSmaller(u.box, c) > 0.5))
    .sort((a, b) => b.score - a.score)
    .slice(0, o.maxCandidates);
  const seen = pass1.boxes.length > 0 || candidates.length > 0;
  return { numbers: unique, tooSmall: unique.length === 0 && seen, passes, ms: performance.now() - t0, candidates };
}
