/** Geometry of axis-aligned boxes (x, y, w, h), shared by NMS follow-ups, the reader and the zoom. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const centreX = (b: Box): number => b.x + b.w / 2;
export const centreY = (b: Box): number => b.y + b.h / 2;

/** Intersection over the smaller box's area: 1 when one box lies wholly inside the other. */
export function overlapOfSmaller(a: Box, b: Box): number {
  const iw = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const ih = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  if (iw <= 0 || ih <= 0) return 0;
  return (iw * ih) / Math.max(1e-6, Math.min(a.w * a.h, b.w * b.h));
}

/** The smallest box around all of `boxes` (at least one). */
export function around(boxes: Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
