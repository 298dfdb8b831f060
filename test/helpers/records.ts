import type { CaptureRecord } from '../../src/history/schema.js';

/** A valid capture record for store and view tests; fields can be overridden. */
export function captureRecord(id: string, fields: Partial<CaptureRecord> = {}): CaptureRecord {
  return {
    id,
    time: Date.now(),
    image: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
    thumbnail: new Blob([new Uint8Array([0xff, 0xd8])], { type: 'image/jpeg' }),
    width: 640,
    height: 480,
    predictions: [],
    reading: '12',
    modelVersion: 'v0',
    backend: 'wasm',
    timings: { inferenceMs: 30, frameToResultMs: 50 },
    source: 'camera',
    ...fields,
  };
}

/** An IndexedDB request as a promise. */
export function idbRequest<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((res, rej) => {
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
}
