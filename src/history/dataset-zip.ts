/**
 * Reviewed captures <-> one .zip for the training pipeline: images/<id>.jpg plus annotations.json,
 * a list of records in the dev-set format (file, width, height, number) with per-digit boxes.
 * models/training/digitlens/corrections.py reads it; the eval CLI can score it too.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type Unzipped } from 'fflate';
import type { BoxRecord, CaptureRecord, CorrectionRecord } from './schema.js';

export interface AnnotationRecord {
  id: string;
  file: string;
  width: number;
  height: number;
  /** The right number (the user's). */
  number: string;
  /** Per-digit boxes in pixels of this image: x, y, w, h. */
  boxes: Array<Pick<BoxRecord, 'digit' | 'x' | 'y' | 'w' | 'h'>>;
  confirmed: boolean;
  time: number;
  modelVersion: string;
  backend: string;
  source: 'camera' | 'photo';
  predicted: { number: string; boxes: BoxRecord[] };
}

export type Reviewed = { capture: CaptureRecord; correction: CorrectionRecord };

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const MAX_JSON_BYTES = 20 * 1024 * 1024;
const MAX_RECORDS = 20_000;
const IMAGE_NAME = /^images\/[A-Za-z0-9_-]{1,80}\.jpg$/;

export class ImportError extends Error {
  override name = 'ImportError';
}

export async function exportZip(items: Reviewed[]): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  const records: AnnotationRecord[] = [];
  for (const { capture: c, correction: k } of items) {
    const file = `images/${c.id}.jpg`;
    files[file] = new Uint8Array(await c.image.arrayBuffer());
    records.push({
      id: c.id,
      file,
      width: c.width,
      height: c.height,
      number: k.reading,
      boxes: k.boxes.map(({ digit, x, y, w, h }) => ({ digit, x, y, w, h })),
      confirmed: k.confirmed,
      time: k.time,
      modelVersion: c.modelVersion,
      backend: c.backend,
      source: c.source,
      predicted: { number: c.reading, boxes: c.predictions },
    });
  }
  files['annotations.json'] = strToU8(JSON.stringify(records, null, 1));
  // JPEGs do not compress; store them, deflate only the JSON.
  return zipSync(files, { level: 0 });
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function validRecord(r: unknown, images: Unzipped): r is AnnotationRecord {
  if (typeof r !== 'object' || r === null) return false;
  const a = r as Record<string, unknown>;
  return (
    typeof a.id === 'string' &&
    /^[A-Za-z0-9_-]{1,80}$/.test(a.id) &&
    typeof a.file === 'string' &&
    a.file === `images/${a.id}.jpg` &&
    a.file in images &&
    finite(a.width) &&
    finite(a.height) &&
    a.width > 0 &&
    a.height > 0 &&
    typeof a.number === 'string' &&
    /^\d{0,12}$/.test(a.number) &&
    Array.isArray(a.boxes) &&
    a.boxes.length <= 64 &&
    a.boxes.every((b: unknown) => {
      const x = b as Record<string, unknown>;
      return (
        Number.isInteger(x.digit) && (x.digit as number) >= 0 && (x.digit as number) <= 9 && [x.x, x.y, x.w, x.h].every(finite)
      );
    })
  );
}

/**
 * Reads an exported zip defensively: only images/<id>.jpg and annotations.json are extracted (no
 * path can escape, nothing else is unpacked), sizes are bounded, every record is checked; bad
 * records are skipped and counted, a bad archive throws ImportError with a message for the user.
 */
export function readZip(data: Uint8Array): { records: AnnotationRecord[]; images: Unzipped; rejected: number } {
  if (data.byteLength > MAX_IMPORT_BYTES)
    throw new ImportError(`That file is too large to import (${Math.round(data.byteLength / 1e6)} MB).`);
  let files: Unzipped;
  try {
    files = unzipSync(data, {
      filter: (f) =>
        (f.name === 'annotations.json' && f.originalSize <= MAX_JSON_BYTES) ||
        (IMAGE_NAME.test(f.name) && f.originalSize <= MAX_IMAGE_BYTES),
    });
  } catch {
    throw new ImportError('That file is not a Digit Lens export (not a readable zip).');
  }
  const json = files['annotations.json'];
  if (!json) throw new ImportError('That zip has no annotations.json: it is not a Digit Lens export.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(strFromU8(json));
  } catch {
    throw new ImportError('annotations.json in that zip is not valid JSON.');
  }
  if (!Array.isArray(parsed)) throw new ImportError('annotations.json must be a list of records.');
  const list = parsed.slice(0, MAX_RECORDS);
  const records = list.filter((r): r is AnnotationRecord => validRecord(r, files));
  return { records, images: files, rejected: parsed.length - records.length };
}
