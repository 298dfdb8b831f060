import type { BoxRecord } from './schema.js';

/** The image a box lives on, in its pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

/** The smallest side a box can be given (image pixels): a box one can still see and grab. */
const MIN_SIDE = 2;

const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** A box kept whole on the image: it never starts before 0 nor ends past the edge (the training data must be on the image). */
export function clampBox<B extends BoxRecord>(b: B, size: ImageSize): B {
  const w = clamp(b.w, Math.min(MIN_SIDE, size.width), size.width);
  const h = clamp(b.h, Math.min(MIN_SIDE, size.height), size.height);
  return { ...b, x: clamp(b.x, 0, size.width - w), y: clamp(b.y, 0, size.height - h), w, h };
}

/** A point kept on the image. */
export const clampPoint = (p: { x: number; y: number }, size: ImageSize): { x: number; y: number } => ({
  x: clamp(p.x, 0, size.width),
  y: clamp(p.y, 0, size.height),
});

/** `start` moved by dx, dy, its size kept, stopped at the image's edges. */
export function moveBox(start: BoxRecord, dx: number, dy: number, size: ImageSize): BoxRecord {
  return clampBox({ ...start, x: start.x + dx, y: start.y + dy }, size);
}

/** `start` grown (or shrunk) by dw, dh from its top-left corner, which stays put; never past the edge. */
export function resizeBox(start: BoxRecord, dw: number, dh: number, size: ImageSize): BoxRecord {
  const w = clamp(start.w + dw, Math.min(MIN_SIDE, size.width), size.width - start.x);
  const h = clamp(start.h + dh, Math.min(MIN_SIDE, size.height), size.height - start.y);
  return clampBox({ ...start, w, h }, size);
}

/** The box spanned by dragging from `a` to `b` (in any direction), on the image. */
export function spanBox(digit: number, a: { x: number; y: number }, b: { x: number; y: number }, size: ImageSize): BoxRecord {
  const p = clampPoint(a, size);
  const q = clampPoint(b, size);
  const box = { digit, score: 1, x: Math.min(p.x, q.x), y: Math.min(p.y, q.y), w: Math.abs(q.x - p.x), h: Math.abs(q.y - p.y) };
  return clampBox(box, size);
}

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * What an arrow key does to a box: moves it, or with Shift resizes it (right and down grow it),
 * by one step (1 % of the image's longer side, so a few presses show on any photo). Null for
 * any other key.
 */
export function arrowEdit(b: BoxRecord, key: string, shift: boolean, size: ImageSize): BoxRecord | null {
  const dir = ARROWS[key];
  if (!dir) return null;
  const step = Math.max(1, Math.round(Math.max(size.width, size.height) / 100));
  const [dx, dy] = [dir[0] * step, dir[1] * step];
  return shift ? resizeBox(b, dx, dy, size) : moveBox(b, dx, dy, size);
}

/** What a key pressed on a selected box asks for; null for keys the box leaves alone (Tab, Escape…). */
export type BoxKeyAction = { kind: 'relabel'; digit: number } | { kind: 'edit'; box: BoxRecord } | { kind: 'delete' };

/** A digit relabels, arrows move, Shift+arrows resize, Delete or Backspace removes. */
export function boxKeyAction(e: KeyboardEvent, box: BoxRecord, size: ImageSize): BoxKeyAction | null {
  if (e.altKey || e.ctrlKey || e.metaKey) return null;
  if (/^[0-9]$/.test(e.key)) return { kind: 'relabel', digit: Number(e.key) };
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'delete' };
  const edited = arrowEdit(box, e.key, e.shiftKey, size);
  return edited ? { kind: 'edit', box: edited } : null;
}
