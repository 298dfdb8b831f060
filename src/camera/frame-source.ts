/**
 * One frame handed to the detector. The bitmap is transferable: whoever receives it owns it and
 * must close() it (the worker does, after detection).
 */
export interface Frame {
  bitmap: ImageBitmap | VideoFrame;
  width: number;
  height: number;
  /** ms, performance.now() clock. */
  timestamp: number;
  source: 'camera' | 'photo';
}

/** What the camera and the photo picker both offer to the detection loop. */
export interface FrameSource {
  readonly kind: 'camera' | 'photo';
  /** A new frame, or null when the source has nothing to give (stream paused, no photo). */
  grabFrame(): Promise<Frame | null>;
}
