import { bitmapWithin, type Frame, type FrameSource } from './frame-source.js';
import { imageSizeFromHeader } from './image-size.js';

/** Photos larger than this are refused before decoding: decoding them can exhaust a phone's memory. */
export const MAX_PHOTO_BYTES = 40 * 1024 * 1024;
/** Pictures with more pixels than this are refused before decoding (a 20000 x 20000 PNG is 1.6 GB decoded). */
export const MAX_PHOTO_PIXELS = 64e6;
/** Decoded photos are scaled so their longer side is at most this (the detector needs far less). */
export const MAX_PHOTO_SIDE = 2048;

export class PhotoError extends Error {
  override name = 'PhotoError';
}

/** Decodes a user-chosen file into a bounded ImageBitmap, or throws PhotoError with a message for the user. */
export async function decodePhoto(file: Blob, maxSide = MAX_PHOTO_SIDE): Promise<ImageBitmap> {
  if (file.type && !file.type.startsWith('image/')) {
    throw new PhotoError(`That file is not an image (${file.type}). Choose a photo (JPEG, PNG, WebP).`);
  }
  if (file.size > MAX_PHOTO_BYTES) {
    throw new PhotoError(
      `That image is too large (${Math.round(file.size / 1e6)} MB). Choose one under ${MAX_PHOTO_BYTES / 1024 / 1024} MB.`,
    );
  }
  // Bounded decode: the header tells the size; a huge picture never reaches the decoder.
  const size = imageSizeFromHeader(new Uint8Array(await file.slice(0, 64 * 1024).arrayBuffer()));
  if (size && size.width * size.height > MAX_PHOTO_PIXELS) {
    throw new PhotoError(
      `That image is too large to open (${size.width} × ${size.height} pixels). Choose one under ${MAX_PHOTO_PIXELS / 1e6} megapixels.`,
    );
  }
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    throw new PhotoError('That file could not be read as an image. It may be damaged or in an unsupported format.');
  }
  if (Math.max(bitmap.width, bitmap.height) <= maxSide) return bitmap;
  try {
    return await bitmapWithin(bitmap, bitmap.width, bitmap.height, maxSide, 'high');
  } finally {
    bitmap.close();
  }
}

/** A still photo as a FrameSource: every grab returns a fresh copy (frames are transferred away). */
export class PhotoSource implements FrameSource {
  constructor(
    readonly bitmap: ImageBitmap,
    readonly name: string,
  ) {}

  get width(): number {
    return this.bitmap.width;
  }

  get height(): number {
    return this.bitmap.height;
  }

  async grabFrame(maxSide?: number): Promise<Frame> {
    const copy = await bitmapWithin(this.bitmap, this.bitmap.width, this.bitmap.height, maxSide);
    return { bitmap: copy, width: copy.width, height: copy.height, source: 'photo' };
  }

  close(): void {
    this.bitmap.close();
  }
}
