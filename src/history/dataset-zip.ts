/**
 * The history <-> one .zip, a backup that is also training data: images/<id>.jpg plus
 * annotations.json, a list of records in the dev-set format (file, width, height, number) with
 * per-digit boxes; captures nobody reviewed are marked `reviewed: false`.
 * models/training/digitlens/corrections.py reads it (and skips the unreviewed); the eval CLI can score it too.
 * Export and import check every record with the same rule (ANNOTATION in schema.ts): export never
 * writes a record that import would refuse, and import never stores one that export could not write.
 */
import { strFromU8, strToU8, unzipSync, zipSync, type UnzipFileInfo, type Unzipped } from 'fflate';
import { imageSizeFromHeader } from '../camera/image-size.js';
import { clampBox } from './box-edit.js';
import { MAX_PHOTO_PIXELS } from '../camera/photo-source.js';
import {
  ANNOTATION,
  ID_PATTERN,
  IMAGE_NAME,
  type AnnotationRecord,
  type BoxRecord,
  type CaptureRecord,
  type CorrectionRecord,
} from './schema.js';

export type { AnnotationRecord };

/** A capture with its review: null when nobody has confirmed or corrected it yet. */
export type Entry = { capture: CaptureRecord; correction: CorrectionRecord | null };

/** A record left out of an import or export, named for the user: which one and what is wrong. */
export interface Refusal {
  /** "record 7 (id abc)", "capture abc", "records 20001 to 20500". */
  what: string;
  problem: string;
  /** Its place in annotations.json (0-based), to list refusals in file order. */
  at?: number;
  /** How many records this stands for (more than one only for a run of them). */
  count?: number;
}

export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
const MAX_IMAGE_BYTES = 15 * 1024 * 1024;
const MAX_JSON_BYTES = 20 * 1024 * 1024;
/**
 * What all the entries an import unpacks may come to together: each entry is capped, but a small
 * zip of many capped entries (zeros deflate ~1000:1) could still make the reader hold gigabytes.
 */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Imported images with more pixels than this are refused from their header, as the photo picker does. */
export const MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS;
export const MAX_RECORDS = 20_000;

export class ImportError extends Error {
  override name = 'ImportError';
}

/**
 * Why an imported image cannot be taken, read from its header before anything decodes it (a
 * 20000 x 20000 PNG named .jpg would take 1.6 GB decoded), or null when it may be decoded.
 */
export function imageProblem(file: string, bytes: Uint8Array): string | null {
  const size = imageSizeFromHeader(bytes);
  if (!size) return `${file} is not a JPEG, PNG, GIF or WebP image, so it cannot be decoded`;
  if (size.width * size.height > MAX_IMAGE_PIXELS)
    return `${file} is too large to open (${size.width} × ${size.height} pixels, more than ${MAX_IMAGE_PIXELS / 1e6} megapixels)`;
  return null;
}

/** How many records the refusals stand for. */
export const refusedCount = (refused: readonly Refusal[]): number => refused.reduce((n, r) => n + (r.count ?? 1), 0);

/** "record 7 (id abc): width must be …; record 9: …; and 4 more", for a message. */
export function describeRefusals(refused: readonly Refusal[], show = 3): string {
  const inOrder = [...refused].sort((a, b) => (a.at ?? Infinity) - (b.at ?? Infinity));
  const listed = inOrder.slice(0, show).map((r) => `${r.what}: ${r.problem}`);
  const rest = refusedCount(inOrder.slice(show));
  return listed.join('; ') + (rest ? `; and ${rest} more` : '');
}

/** How a record of annotations.json is named in messages: its place in the file, and its id when it has a sane one. */
export function recordName(index: number, record: unknown): string {
  const id = typeof record === 'object' && record !== null ? (record as { id?: unknown }).id : undefined;
  return `record ${index + 1}${typeof id === 'string' && ID_PATTERN.test(id) ? ` (id ${id})` : ''}`;
}

/**
 * The annotations.json record of a capture (not yet checked: see ANNOTATION). Unreviewed, its
 * number and boxes are the model's, marked so. The labelled boxes are kept on the image (a
 * correction saved before boxes were clamped may reach past its edge).
 */
export function toAnnotation({ capture: c, correction: k }: Entry): AnnotationRecord {
  // Read defensively: a record stored before imports were checked may have anything in it; the
  // rule then names the problem instead of this throwing.
  const pick = (list: unknown, withScore: boolean): unknown =>
    Array.isArray(list)
      ? list.map((b: unknown) => {
          const { digit, score, x, y, w, h } = (b ?? {}) as Record<string, unknown>;
          return withScore ? { digit, score, x, y, w, h } : { digit, x, y, w, h };
        })
      : list;
  const onImage = (list: unknown): unknown =>
    Array.isArray(list) && [c.width, c.height].every(Number.isFinite)
      ? list.map((b: Record<string, unknown>) =>
          [b.x, b.y, b.w, b.h].every((v) => typeof v === 'number' && Number.isFinite(v))
            ? clampBox(b as unknown as BoxRecord, { width: c.width, height: c.height })
            : b,
        )
      : list;
  return {
    id: c.id,
    file: `images/${c.id}.jpg`,
    width: c.width,
    height: c.height,
    number: k ? k.reading : c.reading,
    boxes: onImage(pick(k ? k.boxes : c.predictions, false)) as AnnotationRecord['boxes'],
    reviewed: k !== null,
    confirmed: k?.confirmed ?? false,
    time: k?.time ?? c.time,
    captureTime: c.time,
    modelVersion: c.modelVersion,
    backend: c.backend,
    source: c.source,
    predicted: { number: c.reading, boxes: pick(c.predictions, true) as CaptureRecord['predictions'] },
    // The reader's letters stay true only while the number's digits are the ones it read.
    ...(c.text && c.text.replace(/[^0-9]/g, '') === (k ? k.reading : c.reading) ? { text: c.text } : {}),
  };
}

/**
 * The capture (and its correction, when reviewed) an imported record becomes, with its image and
 * a fresh thumbnail. The capture keeps the time it was taken: older exports only have the
 * review's time, which is the nearest known; the import's time only when there is none.
 */
export function fromAnnotation(r: AnnotationRecord, image: Blob, thumbnail: Blob, now = Date.now()): Entry {
  const time = r.time ?? r.captureTime ?? now;
  return {
    capture: {
      id: r.id,
      time: r.captureTime ?? time,
      image,
      thumbnail,
      width: r.width,
      height: r.height,
      predictions: r.predicted?.boxes.map(({ digit, score, x, y, w, h }) => ({ digit, score, x, y, w, h })) ?? [],
      reading: r.predicted?.number ?? '',
      ...(r.text ? { text: r.text } : {}),
      modelVersion: r.modelVersion ?? 'imported',
      backend: r.backend ?? 'imported',
      timings: { inferenceMs: 0, frameToResultMs: 0 },
      source: r.source ?? 'photo',
    },
    correction:
      r.reviewed === false
        ? null
        : {
            captureId: r.id,
            reading: r.number,
            boxes: r.boxes.map(({ digit, x, y, w, h }) => ({ digit, x, y, w, h, score: 1 })),
            confirmed: r.confirmed === true,
            time,
          },
  };
}

/**
 * The captures as one zip. A record that fails the rule (damaged before imports were checked) is
 * left out and named, so the file always imports and trains cleanly. `reviewed` counts the
 * exported records that carry a review.
 */
export async function exportZip(
  items: Entry[],
): Promise<{ bytes: Uint8Array; exported: number; reviewed: number; left: Refusal[] }> {
  const files: Record<string, Uint8Array> = {};
  const records: AnnotationRecord[] = [];
  const left: Refusal[] = [];
  for (const item of items) {
    const record = toAnnotation(item);
    const problem = ANNOTATION(record, '') ?? (item.capture.image instanceof Blob ? null : 'the image is missing');
    if (problem) {
      left.push({ what: `capture ${String(item.capture.id)}`, problem });
      continue;
    }
    files[record.file] = new Uint8Array(await item.capture.image.arrayBuffer());
    records.push(record);
  }
  files['annotations.json'] = strToU8(JSON.stringify(records, null, 1));
  // JPEGs do not compress; store them, deflate only the JSON.
  const reviewed = records.filter((r) => r.reviewed).length;
  return { bytes: zipSync(files, { level: 0 }), exported: records.length, reviewed, left };
}

/**
 * Reads an exported zip defensively: only images/<id>.jpg and annotations.json are extracted (no
 * path can escape, nothing else is unpacked), sizes are bounded (each entry, and all of them
 * together, checked before anything is inflated), every record is checked as a whole; a bad
 * record is refused and named (which one, what is wrong), a bad archive throws ImportError with a
 * message for the user. Images are checked from their header by the caller (imageProblem).
 */
export function readZip(data: Uint8Array): {
  records: Array<{ name: string; at: number; record: AnnotationRecord }>;
  images: Unzipped;
  refused: Refusal[];
  /** How many records were refused. */
  rejected: number;
} {
  if (data.byteLength > MAX_IMPORT_BYTES)
    throw new ImportError(`That file is too large to import (${Math.round(data.byteLength / 1e6)} MB).`);
  const wanted = (f: UnzipFileInfo): boolean =>
    (f.name === 'annotations.json' && f.originalSize <= MAX_JSON_BYTES) ||
    (IMAGE_NAME.test(f.name) && f.originalSize <= MAX_IMAGE_BYTES);
  let files: Unzipped;
  try {
    // First only the central directory: what the wanted entries declare they unpack to. fflate
    // inflates each entry into a buffer of its declared size, so the sum bounds what is held.
    let unpacked = 0;
    unzipSync(data, {
      filter: (f) => {
        if (wanted(f)) unpacked += f.originalSize;
        return false;
      },
    });
    if (unpacked > MAX_UNPACKED_BYTES) {
      throw new ImportError(
        `That zip unpacks to ${Math.round(unpacked / 1e6)} MB, more than the ${MAX_UNPACKED_BYTES / 1024 / 1024} MB one import may use: nothing was imported. Export fewer captures per file.`,
      );
    }
    files = unzipSync(data, { filter: wanted });
  } catch (e) {
    if (e instanceof ImportError) throw e;
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
  const records: Array<{ name: string; at: number; record: AnnotationRecord }> = [];
  const refused: Refusal[] = [];
  parsed.slice(0, MAX_RECORDS).forEach((r: unknown, i) => {
    const name = recordName(i, r);
    let problem = ANNOTATION(r, '');
    const record = r as AnnotationRecord;
    if (!problem && record.file !== `images/${record.id}.jpg`) problem = `file must be images/${record.id}.jpg`;
    if (!problem && !(record.file in files)) problem = `${record.file} is not in the zip (or is larger than 15 MB)`;
    if (problem) refused.push({ what: name, problem, at: i });
    else records.push({ name, at: i, record });
  });
  if (parsed.length > MAX_RECORDS) {
    refused.push({
      what: `records ${MAX_RECORDS + 1} to ${parsed.length}`,
      problem: `not read: at most ${MAX_RECORDS} records per file`,
      at: MAX_RECORDS,
      count: parsed.length - MAX_RECORDS,
    });
  }
  return { records, images: files, refused, rejected: refusedCount(refused) };
}
