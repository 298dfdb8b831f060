/** Typed messages between the page and the detection worker. Frames are transferred, never copied. */
import type { DetectionResult } from '../../detector/detector.js';
import type { FoundNumber } from '../../detector/whole-frame.js';
import type { ModelManifest } from '../../detector/model-format.js';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/**
 * Frames are downscaled on the page to at most this long side before they are sent. The whole
 * frame is read at the model's input size (160); the second pass zooms on a distant sign from this
 * resolution, so a 50 px sign in a 1024 px photo keeps its detail. 1280 still fits the smallest
 * phone GPU texture limit (2048).
 */
export const MAX_FRAME_SIDE = 1280;

export interface InitOptions {
  /** URL of the model folder's model.json. */
  modelUrl: string;
  /**
   * latest.json's entry for this version: only the files it lists are loaded, each checked
   * against its SHA-256; their sizes let the progress bar move with the bytes received.
   */
  manifest: ModelManifest;
  /** URL of the version's line reader (reader.json), where the version has one (stage 2). */
  readerUrl?: string;
  /** Cache the checked model files are kept in, for offline use (the version's). */
  cacheName?: string;
  /** Input size (longer side); defaults to the model's. */
  inputSize?: number;
  /** ?backend=: force one backend (support and tests). */
  forceBackend?: BackendName;
  /** ?maxTexture=: pretend the GPU's MAX_TEXTURE_SIZE is this (simulates small phone GPUs). */
  maxTexture?: number;
  /** ?failWebgl=warmup|run: make WebGL fail at warm-up or on the first frame (tests the fallbacks). */
  simulateWebglFailure?: 'warmup' | 'run';
  /** ?debug=1: the worker logs one JSON line per detection to the console (scripts/bench.ts reads them). */
  debug?: boolean;
}

export interface BackendChoice {
  backend: BackendName;
  /** Why, in words for the UI ("WASM — WebGL max texture 2048 < 4096 needed"). */
  reason: string;
  /** What to try next if this one fails at warm-up or run time. */
  fallbacks: BackendName[];
}

export interface ReadyInfo extends BackendChoice {
  version: string;
  inputSize: number;
  loadMs: number;
  warmupMs: number;
  /** Same-origin files the worker loaded (its script, backend chunks, WASM build): kept for offline use. */
  loaded?: string[];
}

export interface WorkerStatus {
  backend: BackendName | null;
  version: string | null;
  numTensors: number;
  numBytes: number;
  detections: number;
  /** Detections running in the worker now, and the most ever at once (the page queues them: 1). */
  inFlight: number;
  inFlightMax: number;
}

export interface FrameResult extends Omit<DetectionResult, 'numberBoxes'> {
  /** Every number in view, the most prominent first (its reading is `reading`). */
  numbers: FoundNumber[];
  /** Glyph-like boxes were seen but no number was read: "Move closer". */
  tooSmall: boolean;
  /** Model runs this frame took (2 when a distant sign was zoomed on). */
  passes: number;
  /** Of `ms`, the line reader's part (stage 2; 0 without a reader or a number). */
  readerMs?: number;
  backend: BackendName;
  version: string;
  width: number;
  height: number;
}

/** Each request the page sends, with the one reply the worker answers it with: [request, reply]. */
export interface Calls {
  init: [{ type: 'init'; id: number; options: InitOptions }, { type: 'ready'; id: number; info: ReadyInfo }];
  detect: [{ type: 'detect'; id: number; frame: ImageBitmap }, { type: 'result'; id: number; result: FrameResult }];
  status: [{ type: 'status'; id: number }, { type: 'status'; id: number; status: WorkerStatus }];
  dispose: [{ type: 'dispose'; id: number }, { type: 'disposed'; id: number }];
}

export type Call = keyof Calls;
export type Request = Calls[Call][0];
export type Reply = Calls[Call][1];

/** The reply type that answers each request type (checked by the client). */
export const REPLY_TO: { [K in Call]: Calls[K][1]['type'] } = {
  init: 'ready',
  detect: 'result',
  status: 'status',
  dispose: 'disposed',
};

export type ErrorCode = 'model-damaged' | 'model-unavailable' | 'detect-failed' | 'init-failed';

/** Everything the worker posts: replies, an error in place of a reply, and unsolicited events. */
export type Response =
  | Reply
  | { type: 'error'; id: number; message: string; code: ErrorCode }
  | { type: 'progress'; fraction: number }
  | { type: 'fallback'; from: BackendName; to: BackendName; reason: string }
  /** The personal model failed its checks (or failed on a frame) and was switched off. */
  | { type: 'personal-dropped'; name: string; reason: string };
