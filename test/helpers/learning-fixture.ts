/**
 * Captures of a digit style the shipped model misreads (seven-segment, as on meters), read by the
 * real shipped detector on WASM in the test page and stored with the user's corrections.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { DigitDetector } from '../../src/detector/detector.js';
import { readWholeFrame, type FoundNumber } from '../../src/detector/whole-frame.js';
import { CaptureStore } from '../../src/history/capture-store.js';
import { captureRecord, idbRequest } from './records.js';
import { sevenSegmentScene, type Scene } from './seven-segment.js';

let detector: Promise<DigitDetector> | null = null;

/** The shipped detector (models/digits/v3), on WASM in this page. */
export function shippedDetector(): Promise<DigitDetector> {
  detector ??= (async () => {
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    await tf.setBackend('wasm');
    return DigitDetector.load('/models/digits/v3/model.json');
  })();
  return detector;
}

/** What the shipped detector finds in a scene. */
export async function readScene(scene: Scene): Promise<FoundNumber[]> {
  const d = await shippedDetector();
  const bitmap = await createImageBitmap(scene.canvas);
  const image = tf.browser.fromPixels(bitmap);
  try {
    return (await readWholeFrame(d, image, {})).numbers;
  } finally {
    image.dispose();
    bitmap.close();
  }
}

export async function deleteDb(name: string): Promise<void> {
  await idbRequest(indexedDB.deleteDatabase(name)).catch(() => undefined);
}

/** A new history holding `n` seven-segment captures (seeds from `seed`), each corrected by the user. */
export async function correctedHistory(name: string, n: number, seed = 1000): Promise<CaptureStore> {
  await deleteDb(name);
  const store = await CaptureStore.open(name);
  for (let i = 0; i < n; i++) {
    const scene = sevenSegmentScene(seed + i);
    const numbers = await readScene(scene);
    const image = await scene.canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const id = `seg-${seed + i}`;
    await store.add(
      captureRecord(id, {
        image,
        width: scene.canvas.width,
        height: scene.canvas.height,
        predictions: numbers.flatMap((m) => m.boxes),
        reading: numbers[0]?.reading ?? '',
        modelVersion: 'v3',
      }),
    );
    await store.saveCorrection({
      captureId: id,
      reading: scene.number,
      boxes: scene.boxes.map((b) => ({ ...b, score: 1 })),
      confirmed: false,
      time: Date.now(),
    });
  }
  return store;
}
