/** Maps source pixels to the element's CSS pixels under object-fit cover / contain. */
export interface Fit {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export function fitTransform(srcW: number, srcH: number, boxW: number, boxH: number, mode: 'cover' | 'contain'): Fit {
  if (!srcW || !srcH) return { scale: 1, offsetX: 0, offsetY: 0 };
  const scale = mode === 'cover' ? Math.max(boxW / srcW, boxH / srcH) : Math.min(boxW / srcW, boxH / srcH);
  return { scale, offsetX: (boxW - srcW * scale) / 2, offsetY: (boxH - srcH * scale) / 2 };
}

/** Where a click on `e.currentTarget` (showing a `source` frame under `mode`) lands in frame pixels. */
export function framePoint(e: MouseEvent, source: { w: number; h: number }, mode: 'cover' | 'contain'): { x: number; y: number } {
  const rect = (e.currentTarget as HTMLElement).getBoundingClientRect();
  const fit = fitTransform(source.w, source.h, rect.width, rect.height, mode);
  return { x: (e.clientX - rect.left - fit.offsetX) / fit.scale, y: (e.clientY - rect.top - fit.offsetY) / fit.scale };
}
