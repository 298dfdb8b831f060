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
