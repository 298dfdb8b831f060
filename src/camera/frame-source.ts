/**
 * One frame handed to the detector. The bitmap is transferable: whoever receives it owns it and
 * must close() it (the worker does, after detection).
 */
export interface Frame {
  bitmap: ImageBitmap;
  width: number;
  height: number;
  source: 'camera' | 'photo';
}

/** What the camera and the photo picker both offer to the detection loop. */
export interface FrameSource {
  /**
   * A new frame, downscaled so its longer side is at most maxSide (never upscaled), or null when
   * the source has nothing to give (stream paused, no photo).
   */
  grabFrame(maxSide?: number): Promise<Frame | null>;
}

/** Longer side clamped to maxSide, aspect kept (never upscaled). */
export function fitWithin(width: number, height: number, maxSide: number): { width: number; height: number } {
  const s = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** Bitmap of a drawable source, downscaled to fit maxSide. */
export async function bitmapWithin(
  source: HTMLVideoElement | ImageBitmap | VideoFrame,
  width: number,
  height: number,
  maxSide = Infinity,
  resizeQuality: ResizeQuality = 'medium',
): Promise<ImageBitmap> {
  if (Math.max(width, height) <= maxSide) return createImageBitmap(source);
  const fit = fitWithin(width, height, maxSide);
  return createImageBitmap(source, { resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality });
}
