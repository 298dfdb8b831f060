/** Typed messages between the page and the detection worker. Frames are transferred, never copied. */
import type { DetectionResult } from '../detector/detector.js';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/**
 * Frames are downscaled on the page to at most this long side before they are sent: enough for
 * the detector (input 224-320 plus a 2x box filter) and small enough that the frame's own texture
 * fits any phone GPU.
 */
export const MAX_FRAME_SIDE = 640;

export interface InitOptions {
  /** URL of the model folder's model.json. */
  modelUrl: string;
  /** SHA-256 per file name from latest.json; each fetched shard is checked against it. */
  hashes?: Record<string, string>;
  /** Input size (longer side); defaults to the model's. */
  inputSize?: number;
  /** ?backend=: force one backend (support and tests). */
  forceBackend?: BackendName;
  /** ?maxTexture=: pretend the GPU's MAX_TEXTURE_SIZE is this (simulates small phone GPUs). */
  maxTexture?: number;
  /** ?failWebgl=warmup|run: make WebGL fail at warm-up or on the first frame (tests the fallbacks). */
  simulateWebglFailure?: 'warmup' | 'run';
}

export type Request =
  | { type: 'init'; id: number; options: InitOptions }
  | { type: 'detect'; id: number; frame: ImageBitmap | VideoFrame }
  | { type: 'status'; id: number }
  | { type: 'dispose'; id: number };

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
}

export interface WorkerStatus {
  backend: BackendName | null;
  version: string | null;
  numTensors: number;
  numBytes: number;
  detections: number;
}

export interface FrameResult extends DetectionResult {
  backend: BackendName;
  version: string;
  width: number;
  height: number;
}

export type Response =
  | { type: 'progress'; fraction: number }
  | { type: 'ready'; id: number; info: ReadyInfo }
  | { type: 'result'; id: number; result: FrameResult }
  | { type: 'status'; id: number; status: WorkerStatus }
  | { type: 'fallback'; from: BackendName; to: BackendName; reason: string }
  | { type: 'disposed'; id: number }
  | { type: 'error'; id: number; message: string; code: 'model-damaged' | 'model-unavailable' | 'detect-failed' | 'init-failed' };
