import { shownText } from '../detector/whole-frame.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { bitmapWithin, type FrameSource } from '../camera/frame-source.js';
import { MAX_CAPTURE_SIDE, THUMBNAIL_SIDE, jpegWithin } from '../history/capture-image.js';
import { CaptureStore, StorageFullError, type HistoryState } from '../history/capture-store.js';
import { DB_NAME } from '../history/schema.js';
import type { DetectorClient } from '../inference/page/detector-client.js';
import { MAX_FRAME_SIDE } from '../inference/shared/protocol.js';
import type { NoticeKind } from './notice-controller.js';
import { SteadyTrigger } from './steady-trigger.js';

/**
 * Captures and the history they go to: opens the history database on first use (never waiting on
 * another tab), follows whether this tab can use it, keeps the auto-capture setting, and saves
 * what is on screen as JPEGs with the detector's boxes for that very frame.
 */
export class CaptureController implements ReactiveController {
  capturing = false;
  /** Whether this tab can use the history: another tab may block it, or a newer one replace it. */
  historyState: HistoryState = 'open';
  /** The opened history, for the panels that show it; null until first opened. */
  store: CaptureStore | null = null;
  /** Settings → Auto-capture; read from IndexedDB at start, updated by the settings panel. */
  autoCapture = false;
  private opening: Promise<CaptureStore> | null = null;
  private readonly steady = new SteadyTrigger();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly notice: (message: string, kind?: NoticeKind) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.readSettings();
  }

  private readSettings(): void {
    void this.history()
      .then((h) => h.settings())
      .then((s) => (this.autoCapture = s.autoCapture))
      .catch(() => undefined); // no IndexedDB (private mode), or blocked: auto-capture stays off, Capture still explains
  }

  private onHistoryState(state: HistoryState): void {
    this.historyState = state;
    this.host.requestUpdate();
    if (state === 'open') this.readSettings(); // the other tab let go
  }

  /**
   * The history database, opened on first use. Never waits on another tab: while one blocks it,
   * requests fail at once with the reason (shown by history-status), and it opens once that tab lets go.
   */
  history(): Promise<CaptureStore> {
    this.opening ??= Promise.resolve(CaptureStore.connect(DB_NAME, (s) => this.onHistoryState(s)));
    return this.opening;
  }

  /** Opens the history for a panel that shows it. */
  async open(): Promise<CaptureStore> {
    this.store = await this.history();
    return this.store;
  }

  /** Every stable reading: whether auto-capture should fire now (on, idle, and held steady). */
  steadyReading(reading: string): boolean {
    return this.autoCapture && !this.capturing && this.steady.push(reading, performance.now()) !== null;
  }

  private setCapturing(on: boolean): void {
    this.capturing = on;
    this.host.requestUpdate();
  }

  /**
   * Keeps what is on screen: a JPEG (<= 1280 px) and thumbnail, the detector's boxes for that
   * very frame (detected again, so image and boxes match), reading, model version, backend, timings.
   * `client` is null while the model is not ready.
   */
  async capture(source: FrameSource | null, client: DetectorClient | null): Promise<void> {
    if (!source || !client || this.capturing) return;
    this.setCapturing(true);
    const t0 = performance.now();
    const full = await source.grabFrame(MAX_CAPTURE_SIDE);
    if (!full) {
      this.setCapturing(false);
      this.notice('Nothing to capture: the camera is not running.', 'problem');
      return;
    }
    try {
      const r = await client.detect(await bitmapWithin(full.bitmap, full.width, full.height, MAX_FRAME_SIDE));
      const s = full.width / r.width;
      const [image, thumb] = await Promise.all([
        jpegWithin(full.bitmap, full.width, full.height, MAX_CAPTURE_SIDE),
        jpegWithin(full.bitmap, full.width, full.height, THUMBNAIL_SIDE, 0.7),
      ]);
      const { removed, limit } = await (
        await this.history()
      ).add({
        id: crypto.randomUUID(),
        time: Date.now(),
        image: image.blob,
        thumbnail: thumb.blob,
        width: image.width,
        height: image.height,
        predictions: r.boxes.map((b) => ({ ...b, x: b.x * s, y: b.y * s, w: b.w * s, h: b.h * s })),
        reading: r.reading,
        ...(r.numbers[0]?.text && r.numbers[0].text !== r.reading ? { text: r.numbers[0].text } : {}),
        modelVersion: r.version,
        backend: r.backend,
        timings: { inferenceMs: r.ms, frameToResultMs: performance.now() - t0 },
        source: full.source,
      });
      // Whatever the limit made room for is said, never removed silently.
      const made =
        removed > 0
          ? ` Removed the ${removed === 1 ? 'oldest capture' : `${removed} oldest captures`} to keep at most ${limit} (Settings).`
          : '';
      const shown = r.numbers[0] ? shownText(r.numbers[0]) : r.reading;
      this.notice((shown ? `Saved ${shown}.` : 'Saved (no number read).') + made);
    } catch (e) {
      this.notice(
        e instanceof StorageFullError ? e.message : `Could not save the capture: ${e instanceof Error ? e.message : String(e)}`,
        'problem',
      );
    } finally {
      full.bitmap.close();
      this.setCapturing(false);
    }
  }
}
