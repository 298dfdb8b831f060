/**
 * The detection worker: owns TF.js, the backend choice and the detector. The page sends frames
 * (transferred ImageBitmaps), gets detections back; nothing here touches the DOM.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DigitDetector, type DigitBox } from '../../detector/detector.js';
import { bitmapCrop } from '../../reader/bitmap-crop.js';
import { LineReader } from '../../reader/line-reader.js';
import { readFrameTwoStage, type TwoStageReading } from '../../reader/read-frame.js';
import type { DetectorMetadata } from '../../detector/model-format.js';
import { chooseBackend, textureNeeded } from '../shared/backend-choice.js';
import { registerBackend, wasmFeatures } from './backend-setup.js';
import { downloadProgress } from './download-progress.js';
import { integrityFetch, isDownloadError, ModelDamagedError, servingFrom, weightUrls } from './integrity-fetch.js';
import { loadedFiles } from './loaded-files.js';
import {
  MAX_FRAME_SIDE,
  type BackendChoice,
  type BackendName,
  type InitOptions,
  type Request,
  type Response,
} from '../shared/protocol.js';
import { probeWebgl } from './webgl-probe.js';
import { PersonalReader } from '../../learning/personal-reader.js';

declare const self: DedicatedWorkerGlobalScope;

let detector: DigitDetector | null = null;
/** Stage 2: reads each number the detector found (null for a version without one). */
let reader: LineReader | null = null;
let options: InitOptions | null = null;
/** Fetches model files: only those latest.json lists, each checked; serves model.json once read. */
let modelFetch: typeof fetch = (input, init) => fetch(input, init);
let choice: BackendChoice | null = null;
let detections = 0;
/** Detections running now and the most at once: the page's queue keeps this at 1. */
let inFlight = 0;
let inFlightMax = 0;
let simulatedRunFailureDone = false;
const post = (msg: Response, transfer: Transferable[] = []): void => self.postMessage(msg, transfer);
/** The user's personal model, when one is in use: relabels digits it is sure of (src/learning/). */
const personal = new PersonalReader(undefined, (name, reason) => post({ type: 'personal-dropped', name, reason }));

class SimulatedWebglFailure extends Error {
  override name = 'SimulatedWebglFailure';
}

async function loadOn(backend: BackendName, opts: InitOptions): Promise<{ loadMs: number; warmupMs: number }> {
  await registerBackend(backend); // before its flags: each backend registers its own
  if (backend === 'webgl' && opts.maxTexture) tf.env().set('WEBGL_MAX_TEXTURE_SIZE', opts.maxTexture);
  if (backend === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false); // see wasmFeatures (backend-setup.ts)
  if (!(await tf.setBackend(backend))) throw new Error(`${backend} backend failed to start`);
  await tf.ready();
  detector?.dispose();
  detector = null;
  const t0 = performance.now();
  // load() also warms up (compiles shaders / kernels) at the size frames will be read at.
  const d = await DigitDetector.load(opts.modelUrl, {
    // Progress comes from the bytes received (integrityFetch), not tfjs's whole shards.
    fetchFunc: modelFetch,
    warmupSize: opts.inputSize,
  });
  const loadMs = performance.now() - t0 - d.warmupMs;
  if (backend === 'webgl' && opts.simulateWebglFailure === 'warmup') {
    d.dispose();
    throw new SimulatedWebglFailure('simulated WebGL failure (?failWebgl=1)');
  }
  detector = d;
  reader?.dispose();
  reader = null;
  if (opts.readerUrl) {
    const t1 = performance.now();
    reader = await LineReader.load(opts.readerUrl, { fetchFunc: modelFetch });
    return { loadMs, warmupMs: d.warmupMs + performance.now() - t1 };
  }
  return { loadMs, warmupMs: d.warmupMs };
}

/** Tries the chosen backend, then its fallbacks, reporting each switch. */
async function start(c: BackendChoice, opts: InitOptions): Promise<{ loadMs: number; warmupMs: number; choice: BackendChoice }> {
  const order: BackendName[] = [c.backend, ...c.fallbacks];
  let lastError: unknown = null;
  for (let i = 0; i < order.length; i++) {
    const backend = order[i];
    try {
      const t = await loadOn(backend, opts);
      const chosen: BackendChoice =
        i === 0
          ? c
          : {
              backend,
              reason: `${backend.toUpperCase()} — ${order[0]} failed: ${shortMessage(lastError)}`,
              fallbacks: order.slice(i + 1),
            };
      return { ...t, choice: chosen };
    } catch (e) {
      if (e instanceof ModelDamagedError || isDownloadError(e)) throw e; // another backend will not fix the files
      lastError = e;
      if (i + 1 < order.length) post({ type: 'fallback', from: backend, to: order[i + 1], reason: shortMessage(e) });
    }
  }
  throw lastError ?? new Error('no backend could run the model');
}

function parseJson(bytes: ArrayBuffer | null): unknown {
  try {
    return bytes ? JSON.parse(new TextDecoder().decode(bytes)) : null;
  } catch {
    return null;
  }
}

function shortMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 160);
}

async function init(id: number, opts: InitOptions): Promise<void> {
  options = opts;
  const features = wasmFeatures();
  const probe = opts.forceBackend ? null : probeWebgl(opts.maxTexture);
  // Texture need comes from the model's own activation sizes (metadata) at the chosen input size.
  const progress = (fraction: number) => post({ type: 'progress', fraction });
  const sizes = Object.fromEntries(opts.manifest.files.map((f) => [f.name, f]));
  const checked = integrityFetch(opts.manifest, fetch, { onBytes: downloadProgress(sizes, progress), cacheName: opts.cacheName });
  // A failure here is left to the loader, which reports it as damaged or unavailable.
  const modelJson = await checked(opts.modelUrl)
    .then((r) => (r.ok ? r.arrayBuffer() : null))
    .catch(() => null);
  const json = parseJson(modelJson);
  // With their sizes known, the weights download while the backend starts: the bar moves at once.
  const early = weightUrls(opts.modelUrl, json);
  modelFetch = modelJson ? servingFrom(opts.modelUrl, modelJson, checked, early) : checked;
  const meta = (json as { userDefinedMetadata?: { detector?: Partial<DetectorMetadata> } } | null)?.userDefinedMetadata?.detector;
  const size = opts.inputSize ?? meta?.inputSize ?? 224;
  const need = textureNeeded((meta?.maxActivationPerPixel ?? 48) * size * size, MAX_FRAME_SIDE);
  const c = chooseBackend(probe, need, { force: opts.forceBackend, ...features });
  try {
    const r = await start(c, opts);
    choice = r.choice;
    await personal.start(detector!.version);
    post({
      type: 'ready',
      id,
      info: {
        ...r.choice,
        version: detector!.version,
        inputSize: size,
        loadMs: r.loadMs,
        warmupMs: r.warmupMs,
        loaded: loadedFiles(),
      },
    });
  } catch (e) {
    const unreachable = isDownloadError(e);
    post({
      type: 'error',
      id,
      code: e instanceof ModelDamagedError ? 'model-damaged' : unreachable ? 'model-unavailable' : 'init-failed',
      message: shortMessage(e),
    });
  }
}

async function detect(id: number, frame: ImageBitmap): Promise<void> {
  const { width, height } = frame;
  inFlightMax = Math.max(inFlightMax, ++inFlight);
  try {
    if (!detector || !choice || !options) throw new Error('detector not ready');
    const result = await runOnce(frame);
    detections++;
    const out = { ...result, backend: choice.backend, version: personal.version(detector.version), width, height };
    // ?debug=1: one structured line per prediction (duration, model version, backend) for benches.
    if (options.debug)
      console.info(
        JSON.stringify({
          event: 'detection',
          ms: Math.round(out.ms * 10) / 10,
          version: out.version,
          backend: out.backend,
          reading: out.reading,
          readerMs: Math.round(out.readerMs * 10) / 10,
          numbers: out.numbers.length,
          boxes: out.boxes.length,
        }),
      );
    post({ type: 'result', id, result: out });
  } catch (e) {
    post({ type: 'error', id, code: 'detect-failed', message: shortMessage(e) });
  } finally {
    inFlight--;
    frame.close();
  }
}

/** Every number in the frame, in two passes (whole frame, then zoomed on a distant sign). */
async function readFrame(
  image: tf.Tensor3D,
  frame: ImageBitmap,
): Promise<TwoStageReading & { boxes: DigitBox[]; reading: string }> {
  const r = await readFrameTwoStage(detector!, reader, image, { size: options!.inputSize, crop: bitmapCrop(frame) });
  const numbers = personal.apply(frame, r.numbers);
  return { ...r, numbers, boxes: numbers.flatMap((n) => n.boxes), reading: numbers[0]?.reading ?? '' };
}

/** One detection; on a backend failure (context lost, kernel error) switch to the next backend and retry once. */
async function runOnce(frame: ImageBitmap) {
  const pixels = () => tf.browser.fromPixels(frame);
  let image = pixels();
  try {
    if (choice!.backend === 'webgl' && options!.simulateWebglFailure === 'run' && !simulatedRunFailureDone) {
      simulatedRunFailureDone = true;
      throw new SimulatedWebglFailure('simulated WebGL context lost during detection (?failWebgl=run)');
    }
    return await readFrame(image, frame);
  } catch (e) {
    if (!choice!.fallbacks.length) throw e;
    const from = choice!.backend;
    const [next, ...rest] = choice!.fallbacks;
    post({ type: 'fallback', from, to: next, reason: shortMessage(e) });
    image.dispose();
    const r = await start(
      { backend: next, reason: `${next.toUpperCase()} — ${from} failed while running: ${shortMessage(e)}`, fallbacks: rest },
      options!,
    );
    choice = r.choice;
    image = pixels();
    return await readFrame(image, frame);
  } finally {
    image.dispose();
  }
}

self.onmessage = (e: MessageEvent<Request>): void => {
  const msg = e.data;
  switch (msg.type) {
    case 'init':
      void init(msg.id, msg.options);
      break;
    case 'detect':
      void detect(msg.id, msg.frame);
      break;
    case 'status': {
      // Right after a (re)start the backend may still be initialising, and tf.memory() throws then:
      // a status query must not crash the worker. Nothing is allocated on that backend yet.
      let m = { numTensors: 0, numBytes: 0 };
      try {
        m = tf.memory();
      } catch {
        // backend not ready yet
      }
      post({
        type: 'status',
        id: msg.id,
        status: {
          backend: choice?.backend ?? null,
          version: detector?.version ?? null,
          numTensors: m.numTensors,
          numBytes: m.numBytes,
          detections,
          inFlight,
          inFlightMax,
        },
      });
      break;
    }
    case 'dispose':
      detector?.dispose();
      detector = null;
      reader?.dispose();
      reader = null;
      post({ type: 'disposed', id: msg.id });
      break;
  }
};
