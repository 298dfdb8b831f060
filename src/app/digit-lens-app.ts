import { LitElement, css, html, nothing } from 'lit';
import '../camera/camera-view.js';
import '../camera/photo-picker.js';
import type { CameraView } from '../camera/camera-view.js';
import type { CameraState } from '../camera/camera-state.js';
import type { PhotoPicker } from '../camera/photo-picker.js';
import type { PhotoSource } from '../camera/photo-source.js';
import type { DigitBox } from '../detector/read.js';
import type { ModelManifest } from '../detector/model-format.js';
import {
  ModelUnavailableError,
  announceModelSwitch,
  fetchNewModel,
  repairModel,
  requestPersistence,
  shippedManifest,
} from '../offline/model-updates.js';
import './settings-panel.js';
import { bitmapWithin, type FrameSource } from '../camera/frame-source.js';
import { CaptureStore, StorageFullError, type HistoryState } from '../history/capture-store.js';
import { MAX_CAPTURE_SIDE, THUMBNAIL_SIDE, jpegWithin } from '../history/capture-image.js';
import '../history/history-status.js';
import '../history/history-view.js';
import { DB_NAME } from '../history/schema.js';
import { DetectorClient, DetectorError } from '../inference/page/detector-client.js';
import { FrameLoop } from '../inference/page/frame-loop.js';
import { MAX_FRAME_SIDE, type FrameResult, type ReadyInfo } from '../inference/shared/protocol.js';
import '../overlay/detection-overlay.js';
import { GUIDANCE_TEXT, ReadingController } from './reading-controller.js';
import { actOnReading } from './reading-actions.js';
import { fitTransform } from '../overlay/fit.js';
import { SteadyTrigger } from './steady-trigger.js';
import './perf-hud.js';
import { PerfStats } from './perf-stats.js';
import './photo-view.js';
import './pwa-status.js';
import { urlOptions } from './url-options.js';
import { buttonStyles } from '../styles/buttons.js';

type ModelState = 'loading' | 'ready' | 'damaged' | 'unavailable' | 'failed';

/** The app shell: live camera (or a chosen photo) -> detection worker -> overlay + stable reading. */
export class DigitLensApp extends LitElement {
  static override properties = {
    photo: { state: true },
    boxes: { state: true },
    source: { state: true },
    reading: { state: true },
    info: { state: true },
    modelState: { state: true },
    modelMessage: { state: true },
    progress: { state: true },
    hud: { state: true },
    notice: { state: true },
    modelUpdate: { state: true },
    settingsOpen: { state: true },
    historyOpen: { state: true },
    capturing: { state: true },
  };

  declare photo: PhotoSource | null;
  declare boxes: DigitBox[];
  declare source: { w: number; h: number };
  declare reading: string;
  declare info: ReadyInfo | null;
  declare modelState: ModelState;
  declare modelMessage: string;
  declare progress: number;
  declare hud: boolean;
  declare notice: string;
  /** A newer model version, downloaded and verified, waiting for the user to switch. */
  declare modelUpdate: ModelManifest | null;
  declare settingsOpen: boolean;
  declare historyOpen: boolean;
  declare capturing: boolean;
  private store: Promise<CaptureStore> | null = null;
  private historyStore: CaptureStore | null = null;
  /** Whether this tab can use the history: another tab may block it, or a newer one replace it. */
  private historyState: HistoryState = 'open';
  private manifest: ModelManifest | null = null;
  private persistAsked = false;
  readonly stats = new PerfStats();
  private readonly opts = urlOptions(location.search);
  /** Every number in view, the one shown (or locked onto), and guidance when there is none. */
  private readonly readings = new ReadingController(this);
  /** Settings → Auto-capture; read from IndexedDB at start, updated by the settings panel. */
  private autoCapture = false;
  private readonly steady = new SteadyTrigger();
  private client: DetectorClient | null = null;
  private loop: FrameLoop | null = null;

  constructor() {
    super();
    this.photo = null;
    this.boxes = [];
    this.source = { w: 0, h: 0 };
    this.reading = '';
    this.info = null;
    this.modelState = 'loading';
    this.modelMessage = '';
    this.progress = 0;
    this.hud = false;
    this.notice = '';
    this.modelUpdate = null;
    this.settingsOpen = false;
    this.historyOpen = false;
    this.capturing = false;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: grid;
        /* header, history-status (empty unless the history is blocked), main, footer */
        grid-template-rows: auto auto 1fr auto;
        height: 100dvh;
        background: #111827;
      }
      header {
        display: flex;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding: calc(0.5rem + env(safe-area-inset-top)) 1rem 0.5rem;
      }
      h1 {
        margin: 0;
        font-size: 1.1rem;
        letter-spacing: 0.02em;
      }
      .backend {
        font-size: 0.75rem;
        color: #9ca3af;
        text-align: right;
      }
      main {
        position: relative;
        min-height: 0;
      }
      camera-view,
      photo-view {
        position: absolute;
        inset: 0;
      }
      .reading {
        position: absolute;
        left: 50%;
        top: 1rem;
        transform: translateX(-50%);
        min-width: 4ch;
        padding: 0.2rem 1rem;
        border-radius: 0.75rem;
        background: rgb(0 0 0 / 0.65);
        color: #ffd84d;
        font:
          700 clamp(2.5rem, 12vw, 4.5rem) / 1.1 ui-monospace,
          'SF Mono',
          Menlo,
          monospace;
        text-align: center;
        letter-spacing: 0.05em;
      }
      .reading[hidden] {
        display: none;
      }
      .reading.tentative {
        opacity: 0.5;
      }
      .guidance {
        position: absolute;
        left: 50%;
        top: 1rem;
        transform: translateX(-50%);
        max-width: calc(100% - 2rem);
        padding: 0.5rem 0.9rem;
        border-radius: 0.6rem;
        background: rgb(0 0 0 / 0.65);
        color: #f9fafb;
        text-align: center;
      }
      .model {
        position: absolute;
        left: 1rem;
        right: 1rem;
        bottom: 1rem;
        background: rgb(0 0 0 / 0.7);
        color: #f9fafb;
        padding: 0.6rem 0.8rem;
        border-radius: 0.6rem;
      }
      progress {
        width: 100%;
      }
      footer {
        display: flex;
        justify-content: center;
        align-items: flex-start;
        gap: 1rem;
        padding: 0.75rem 1rem calc(0.75rem + env(safe-area-inset-bottom));
      }
      header button {
        padding: 0.35rem 0.7rem;
        font-size: 0.85rem;
      }
      button.shutter {
        background: #ffd84d;
        color: #111;
        font-weight: 700;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.hud = this.opts.hud;
    void this.startDetector();
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
    this.requestUpdate();
    if (state === 'open') this.readSettings(); // the other tab let go
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loop?.stop();
    void this.client?.dispose();
  }

  private get camera(): CameraView | null {
    return this.renderRoot.querySelector('camera-view');
  }

  private get picker(): PhotoPicker | null {
    return this.renderRoot.querySelector('photo-picker');
  }

  /** Test and support hook: the worker's client (status, simulated crash). */
  get detector(): DetectorClient | null {
    return this.client;
  }

  private async startDetector(): Promise<void> {
    try {
      this.manifest = await shippedManifest();
    } catch (e) {
      this.modelState = 'unavailable';
      this.modelMessage =
        e instanceof ModelUnavailableError
          ? 'The digit model is not on this device yet. Connect to the internet once so it can be saved for offline use.'
          : String(e);
      window.addEventListener('online', () => void this.startDetector(), { once: true });
      return;
    }
    this.client ??= new DetectorClient({
      onProgress: (f) => (this.progress = f),
      onFallback: (from, to, reason) => {
        this.notice = `${from.toUpperCase()} failed (${reason}); switched to ${to.toUpperCase()}.`;
        if (this.info) this.info = { ...this.info, backend: to, reason: `${to.toUpperCase()} — ${from} failed: ${reason}` };
      },
      onRestart: (reason) => {
        this.notice = `The detector stopped (${reason}) and was restarted.`;
      },
    });
    await this.loadModel(this.manifest);
    if (this.modelState === 'ready') void this.checkForNewModel();
  }

  private initOptions(m: ModelManifest) {
    return {
      modelUrl: `/models/digits/${m.path}/model.json`,
      hashes: Object.fromEntries(m.files.map((f) => [f.name, f.sha256])),
      inputSize: this.opts.inputSize,
      forceBackend: this.opts.forceBackend,
      maxTexture: this.opts.maxTexture,
      simulateWebglFailure: this.opts.simulateWebglFailure,
      debug: this.opts.debug,
    };
  }

  /** Loads a model version; a damaged cached copy is repaired from the network when there is one. */
  private async loadModel(m: ModelManifest, repaired = false): Promise<void> {
    this.modelState = 'loading';
    this.progress = 0;
    try {
      this.info = await this.client!.init(this.initOptions(m));
      this.modelState = 'ready';
      this.runSource();
    } catch (e) {
      const damaged = e instanceof DetectorError && e.code === 'model-damaged';
      if (damaged && !repaired && navigator.onLine) {
        try {
          await repairModel(m);
          return await this.loadModel(m, true);
        } catch {
          // falls through to the message below; retried when the network comes back
        }
      }
      const unavailable = e instanceof DetectorError && e.code === 'model-unavailable';
      this.modelState = damaged ? 'damaged' : unavailable ? 'unavailable' : 'failed';
      this.modelMessage = damaged
        ? 'Model files damaged — connect once to repair.'
        : unavailable
          ? 'The digit model could not be downloaded. Check your connection, then try again.'
          : `The digit model could not start: ${e instanceof Error ? e.message : String(e)}`;
      if (damaged || unavailable) window.addEventListener('online', () => void this.loadModel(m), { once: true });
    }
  }

  private retryModel(): void {
    if (this.manifest) void this.loadModel(this.manifest);
    else void this.startDetector();
  }

  private async checkForNewModel(): Promise<void> {
    const m = await fetchNewModel(this.info?.version ?? '').catch(() => null);
    if (m) this.modelUpdate = m;
  }

  /** Switches to the downloaded model version in place: no reload, the camera keeps running. */
  private async switchModel(): Promise<void> {
    const m = this.modelUpdate;
    if (!m) return;
    this.modelUpdate = null;
    this.loop?.stop();
    this.manifest = m;
    await this.loadModel(m);
    if (this.modelState === 'ready') announceModelSwitch(m.version);
  }

  /** (Re)starts detection on whatever is on screen: the camera stream or the chosen photo. */
  private runSource(): void {
    this.loop?.stop();
    this.loop = null;
    if (!this.client || this.modelState !== 'ready') return;
    if (this.photo) {
      void this.detectPhoto(this.photo);
      return;
    }
    const cam = this.camera;
    if (!cam || cam.state !== 'live') return;
    this.readings.reset();
    this.loop = new FrameLoop(
      cam,
      this.client,
      (r, e2e) => this.onResult(r, e2e),
      (e) => this.onDetectError(e),
    );
    this.loop.start();
  }

  private async detectPhoto(photo: PhotoSource): Promise<void> {
    const frame = await photo.grabFrame(MAX_FRAME_SIDE);
    try {
      const r = await this.client!.detect(frame.bitmap);
      if (this.photo !== photo) return;
      // Boxes come in the (downscaled) frame's pixels; the photo view draws the full photo.
      const s = photo.width / r.width;
      this.boxes = r.boxes.map((b) => ({ ...b, x: b.x * s, y: b.y * s, w: b.w * s, h: b.h * s }));
      this.source = { w: photo.width, h: photo.height };
      const numbers = r.numbers.map((n) => ({ ...n, box: { x: n.box.x * s, y: n.box.y * s, w: n.box.w * s, h: n.box.h * s } }));
      this.readings.still({ ...r, numbers });
      this.reading = this.readings.reading;
      this.stats.add(r.ms, 0);
    } catch (e) {
      this.onDetectError(e);
    }
  }

  private onResult(r: FrameResult, frameToResultMs: number): void {
    this.boxes = r.boxes;
    this.source = { w: r.width, h: r.height };
    this.readings.push(r);
    this.reading = this.readings.reading;
    this.stats.add(r.ms, frameToResultMs);
    if (this.autoCapture && !this.capturing && this.steady.push(this.reading, performance.now())) void this.capture();
    if (this.reading && !this.persistAsked) {
      // Ask once, after the app has proved useful: browsers grant persistence more readily then.
      this.persistAsked = true;
      void requestPersistence();
    }
  }

  private onDetectError(e: unknown): void {
    if (e instanceof DetectorError && e.code === 'worker-crashed') return; // restart notice already shown
    this.notice = `Detection failed: ${e instanceof Error ? e.message : String(e)}`;
  }

  private onCameraState(e: CustomEvent<CameraState>): void {
    if (e.detail === 'live') this.runSource();
    else if (!this.photo) {
      this.loop?.stop();
      this.boxes = [];
    }
  }

  private onPhoto(e: CustomEvent<PhotoSource>): void {
    this.photo?.close();
    this.photo = e.detail;
    this.camera?.stop();
    this.boxes = [];
    this.readings.reset();
    this.reading = '';
    this.runSource();
  }

  private backToCamera(): void {
    this.photo?.close();
    this.photo = null;
    this.boxes = [];
    this.readings.reset();
    this.reading = '';
    void this.updateComplete.then(() => this.camera?.start());
  }

  private renderReading() {
    const { reading, tentative, guidance } = this.readings;
    const shown = reading || tentative;
    return html`
      <button
        class="reading ${reading ? '' : 'tentative'}"
        data-testid="reading"
        aria-live="polite"
        title="Copy"
        ?hidden=${!shown}
        @click=${() => void this.copyReading(shown)}
      >
        ${shown}
      </button>
      ${guidance && !shown ? html`<div class="guidance" role="status" data-testid="guidance">${GUIDANCE_TEXT[guidance]}</div>` : nothing}
    `;
  }

  /** Tap the reading: copy it (and share it where the browser can). */
  private async copyReading(text: string): Promise<void> {
    this.toast(await actOnReading(text));
  }

  /** A notice that clears itself, unless another one replaced it meanwhile. */
  private toast(message: string): void {
    this.notice = message;
    setTimeout(() => {
      if (this.notice === message) this.notice = '';
    }, 2500);
  }

  /** A tap on the view locks onto the number under it (tapping elsewhere unlocks). */
  private onViewTap(e: MouseEvent): void {
    if (e.composedPath().some((t) => t instanceof HTMLElement && t.closest('button, input, a, [role="dialog"]'))) return;
    const main = e.currentTarget as HTMLElement;
    const rect = main.getBoundingClientRect();
    const fit = fitTransform(this.source.w, this.source.h, rect.width, rect.height, this.photo ? 'contain' : 'cover');
    this.readings.tapAt((e.clientX - rect.left - fit.offsetX) / fit.scale, (e.clientY - rect.top - fit.offsetY) / fit.scale);
    this.reading = this.readings.reading;
  }

  private renderHistory() {
    return html`<history-view .store=${this.historyStore} @history-close=${() => (this.historyOpen = false)}></history-view>`;
  }

  /**
   * The history database, opened on first use. Never waits on another tab: while one blocks it,
   * requests fail at once with the reason (shown by history-status), and it opens once that tab lets go.
   */
  history(): Promise<CaptureStore> {
    this.store ??= Promise.resolve(CaptureStore.connect(DB_NAME, (s) => this.onHistoryState(s)));
    return this.store;
  }

  /**
   * Keeps what is on screen: a JPEG (<= 1280 px) and thumbnail, the detector's boxes for that
   * very frame (detected again, so image and boxes match), reading, model version, backend, timings.
   */
  private async capture(): Promise<void> {
    const source: FrameSource | null = this.photo ?? this.camera;
    if (!source || !this.client || this.modelState !== 'ready' || this.capturing) return;
    this.capturing = true;
    const t0 = performance.now();
    const full = await source.grabFrame(MAX_CAPTURE_SIDE);
    if (!full) {
      this.capturing = false;
      this.notice = 'Nothing to capture: the camera is not running.';
      return;
    }
    try {
      const r = await this.client.detect(await bitmapWithin(full.bitmap, full.width, full.height, MAX_FRAME_SIDE));
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
      this.notice = (r.reading ? `Saved ${r.reading}.` : 'Saved (no number read).') + made;
    } catch (e) {
      this.notice =
        e instanceof StorageFullError ? e.message : `Could not save the capture: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      full.bitmap.close();
      this.capturing = false;
    }
  }

  private async toggleSettings(): Promise<void> {
    this.historyStore = await this.history();
    this.settingsOpen = !this.settingsOpen;
  }

  private async openHistory(): Promise<void> {
    this.historyStore = await this.history();
    this.historyOpen = true;
  }

  private renderModelState() {
    if (this.modelState === 'loading') {
      return html`<div class="model" role="status" data-testid="model-loading">
        Loading the digit model… ${Math.round(this.progress * 100)}%
        <progress max="1" .value=${this.progress}></progress>
      </div>`;
    }
    if (this.modelState !== 'ready') {
      return html`<div class="model" role="alert">
        <span data-testid="model-error">${this.modelMessage}</span>
        <button @click=${this.retryModel} data-testid="model-retry">Try again</button>
      </div>`;
    }
    if (this.modelUpdate) {
      return html`<div class="model" role="status" data-testid="model-update">
        New model ready (${this.modelUpdate.version}) —
        <button @click=${this.switchModel} data-testid="model-switch">Switch</button>
      </div>`;
    }
    return this.notice
      ? html`<div class="model" role="status" data-testid="notice" @click=${() => (this.notice = '')}>${this.notice}</div>`
      : nothing;
  }

  override render() {
    const fit = this.photo ? 'contain' : 'cover';
    return html`
      <header>
        <h1>Digit Lens</h1>
        <div class="backend" title=${this.info?.reason ?? ''}>
          <span data-testid="backend">${this.info?.backend ?? ''}</span>
          <span data-testid="model-version">${this.info?.version ?? ''}</span>
          <div data-testid="backend-reason">${this.info?.reason ?? ''}</div>
        </div>
        <button @click=${() => (this.hud = !this.hud)} aria-pressed=${String(this.hud)} data-testid="hud-toggle">HUD</button>
        <button @click=${this.openHistory} data-testid="history-toggle">History</button>
        <button @click=${this.toggleSettings} aria-expanded=${String(this.settingsOpen)} data-testid="settings-toggle">
          Settings
        </button>
      </header>
      <history-status .state=${this.historyState}></history-status>
      <main @click=${this.onViewTap} @choose-photo=${() => this.picker?.open()} @camera-state=${this.onCameraState}>
        ${this.photo ? html`<photo-view .photo=${this.photo}></photo-view>` : html`<camera-view></camera-view>`}
        <detection-overlay
          .boxes=${this.boxes}
          .sourceWidth=${this.source.w}
          .sourceHeight=${this.source.h}
          .fit=${fit}
        ></detection-overlay>
        ${this.renderReading()}
        ${this.hud ? html`<perf-hud .stats=${this.stats} .info=${this.info} .loop=${this.loop?.stats ?? null}></perf-hud>` : nothing}
        ${this.renderModelState()}
        ${
          this.settingsOpen
            ? html`<settings-panel
                .info=${this.info}
                .store=${this.historyStore}
                @auto-capture-changed=${(e: CustomEvent<boolean>) => (this.autoCapture = e.detail)}
              ></settings-panel>`
            : nothing
        }
        ${this.historyOpen ? this.renderHistory() : nothing}
      </main>
      <footer @photo-chosen=${this.onPhoto}>
        <photo-picker></photo-picker>
        <button
          class="shutter"
          @click=${this.capture}
          ?disabled=${this.modelState !== 'ready' || this.capturing}
          data-testid="capture"
        >
          Capture
        </button>
        ${this.photo ? html`<button @click=${this.backToCamera} data-testid="back-to-camera">Back to camera</button>` : nothing}
      </footer>
      <pwa-status></pwa-status>
    `;
  }
}

customElements.define('digit-lens-app', DigitLensApp);

declare global {
  interface HTMLElementTagNameMap {
    'digit-lens-app': DigitLensApp;
  }
}
