import { fitWithin } from '../camera/frame-source.js';

export const MAX_CAPTURE_SIDE = 1280;
export const THUMBNAIL_SIDE = 192;

/** JPEG of a bitmap, downscaled to fit maxSide. */
export async function jpegWithin(
  bitmap: ImageBitmap | VideoFrame,
  srcWidth: number,
  srcHeight: number,
  maxSide: number,
  quality = 0.85,
): Promise<{ blob: Blob; width: number; height: number }> {
  const { width, height } = fitWithin(srcWidth, srcHeight, maxSide);
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');
  g.drawImage(bitmap, 0, 0, width, height);
  return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality }), width, height };
}
