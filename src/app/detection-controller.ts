import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CameraView } from '../camera/camera-view.js';
import type { PhotoSource } from '../camera/photo-source.js';
import type { DigitBox } from '../detector/read.js';
import { DetectorError, type DetectorClient } from '../inference/page/detector-client.js';
import { FrameLoop } from '../inference/page/frame-loop.js';
import { MAX_FRAME_SIDE, type FrameResult } from '../inference/shared/protocol.js';
import type { PerfStats } from './perf-stats.js';
import type { ReadingController } from './reading-controller.js';

export interface DetectionEvents {
  /** The photo on screen now (null while the camera is), so a late photo result is dropped. */
  photo(): PhotoSource | null;
  /** A live camera frame's result was read into the reading controller. */
  frame(): void;
  /** Detection failed, for the user. */
  error(message: string): void;
}

/**
 * Detection on whatever is on screen: the frame loop over the live camera, or one detection of
 * a chosen photo. Keeps the boxes to draw (in source pixels) and feeds every result to the readings.
 */
export class DetectionController implements ReactiveController {
  boxes: DigitBox[] = [];
  /** The size of the frame (or photo) the boxes are in. */
  source = { w: 0, h: 0 };
  loop: FrameLoop | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly readings: ReadingController,
    private readonly stats: PerfStats,
    private readonly events: DetectionEvents,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.loop?.stop();
  }

  /** (Re)starts detection: the photo when there is one, else the camera once it is live. `client` is null until the model is ready. */
  run(client: DetectorClient | null, camera: CameraView | null): void {
    this.loop?.stop();
    this.loop = null;
    if (!client) return;
    const photo = this.events.photo();
    if (photo) {
      void this.detectPhoto(client, photo);
      return;
    }
    if (!camera || camera.state !== 'live') return;
    this.readings.reset();
    this.loop = new FrameLoop(
      camera,
      client,
      (r, e2e) => this.onResult(r, e2e),
      (e) => this.onError(e),
    );
    this.loop.start();
  }

  stop(): void {
    this.loop?.stop();
  }

  /** No boxes to draw (the view changed). */
  clear(): void {
    this.boxes = [];
    this.host.requestUpdate();
  }

  private async detectPhoto(client: DetectorClient, photo: PhotoSource): Promise<void> {
    const frame = await photo.grabFrame(MAX_FRAME_SIDE);
    try {
      const r = await client.detect(frame.bitmap);
      if (this.events.photo() !== photo) return;
      // Boxes come in the (downscaled) frame's pixels; the photo view draws the full photo.
      const s = photo.width / r.width;
      this.boxes = r.boxes.map((b) => ({ ...b, x: b.x * s, y: b.y * s, w: b.w * s, h: b.h * s }));
      this.source = { w: photo.width, h: photo.height };
      const numbers = r.numbers.map((n) => ({ ...n, box: { x: n.box.x * s, y: n.box.y * s, w: n.box.w * s, h: n.box.h * s } }));
      this.readings.still({ ...r, numbers });
      this.stats.add(r.ms, 0);
      this.host.requestUpdate();
    } catch (e) {
      this.onError(e);
    }
  }

  private onResult(r: FrameResult, frameToResultMs: number): void {
    this.boxes = r.boxes;
    this.source = { w: r.width, h: r.height };
    this.readings.push(r);
    this.stats.add(r.ms, frameToResultMs);
    this.host.requestUpdate();
    this.events.frame();
  }

  private onError(e: unknown): void {
    if (e instanceof DetectorError && e.code === 'worker-crashed') return; // restart notice already shown
    this.events.error(`Detection failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
