import { LitElement, html, nothing } from 'lit';
import '../camera/camera-view.js';
import '../camera/photo-picker.js';
import type { CameraView } from '../camera/camera-view.js';
import type { CameraState } from '../camera/camera-state.js';
import type { PhotoPicker } from '../camera/photo-picker.js';
import type { PhotoSource } from '../camera/photo-source.js';
import type { CaptureStore } from '../history/capture-store.js';
import '../history/history-status.js';
import '../history/history-view.js';
import type { DetectorClient } from '../inference/page/detector-client.js';
import type { ReadyInfo } from '../inference/shared/protocol.js';
import { requestPersistence } from '../offline/model-updates.js';
import '../overlay/detection-overlay.js';
import { framePoint } from '../overlay/fit.js';
import { findBar } from '../find/find-bar.js';
import { FindController } from '../find/find-controller.js';
import { appStyles } from './app-styles.js';
import { dockStyles } from './dock-styles.js';
import { CaptureController } from './capture-controller.js';
import { DetectionController } from './detection-controller.js';
import { ModelController } from './model-controller.js';
import { modelStateView } from './model-state-view.js';
import { NoticeController } from './notice-controller.js';
import './perf-hud.js';
import { PerfStats } from './perf-stats.js';
import './photo-view.js';
import './pwa-status.js';
import { actOnReading, canShare, shareReading } from './reading-actions.js';
import { ReadingController } from './reading-controller.js';
import { readingView, shareAction } from './reading-view.js';
import './settings-panel.js';
import { SpeechController, type SpeakSettings } from './speech-controller.js';
import { urlOptions } from './url-options.js';

/**
 * The app shell: live camera (or a chosen photo) -> detection worker -> overlay + stable reading.
 * It composes and renders; the jobs with state live in its controllers.
 */
export class DigitLensApp extends LitElement {
  static override properties = {
    photo: { state: true },
    hud: { state: true },
    settingsOpen: { state: true },
    historyOpen: { state: true },
  };

  static override styles = [appStyles, dockStyles];

  declare photo: PhotoSource | null;
  declare hud: boolean;
  declare settingsOpen: boolean;
  declare historyOpen: boolean;
  readonly stats = new PerfStats();
  private readonly opts = urlOptions(location.search);
  private persistAsked = false;
  /** The camera is coming back to show a problem with a picked file: its start keeps that notice. */
  private keepNotice = false;
  /** The one line of news under the view. */
  private readonly notices = new NoticeController(this);
  /** Every number in view, the one shown (or locked onto), and guidance when there is none. */
  private readonly readings = new ReadingController(this);
  /** The digit model: loading, repair, retry, switching to a newer version. */
  private readonly model = new ModelController(this, this.opts, {
    ready: () => this.runSource(),
    switching: () => this.detection.stop(),
    notice: (m) => this.notices.show(m),
  });
  /** The frame loop over the camera, or one detection of the chosen photo. */
  private readonly detection = new DetectionController(this, this.readings, this.stats, {
    photo: () => this.photo,
    frame: () => this.onFrame(),
    error: (m) => this.notices.show(m),
  });
  /** Captures, auto-capture and the history database they go to. */
  private readonly captures = new CaptureController(this, (m, kind) => this.notices.show(m, kind));
  /** Settings → Speak: each new steady reading said aloud once, with a short vibration. */
  private readonly speech = new SpeechController(this, () => this.readings.reading, {
    settings: () => this.captures.history().then((h) => h.settings()),
    notices: this.notices,
    quiet: (): boolean => this.find.active,
  });
  /** Find a number: marked, buzzed and said when the wanted number comes into view. */
  private readonly find = new FindController(this, { speech: this.speech });

  constructor() {
    super();
    this.photo = null;
    this.hud = false;
    this.settingsOpen = false;
    this.historyOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.replaceChildren(); // the frame index.html drew while this script loaded
    this.hud = this.opts.hud;
  }

  /** The model version and backend the detector runs, once ready. */
  get info(): ReadyInfo | null {
    return this.model.info;
  }

  /** The reading shown (steady, or the one tapped). */
  get reading(): string {
    return this.readings.reading;
  }

  /** Test and support hook: the worker's client (status, simulated crash). */
  get detector(): DetectorClient | null {
    return this.model.client;
  }

  /**
   * The history database, opened on first use. Never waits on another tab: while one blocks it,
   * requests fail at once with the reason (shown by history-status), and it opens once that tab lets go.
   */
  history(): Promise<CaptureStore> {
    return this.captures.history();
  }

  private get camera(): CameraView | null {
    return this.renderRoot.querySelector('camera-view');
  }

  private get picker(): PhotoPicker | null {
    return this.renderRoot.querySelector('photo-picker');
  }

  /** (Re)starts detection on whatever is on screen: the camera stream or the chosen photo. */
  private runSource(): void {
    this.detection.run(this.model.ready ? this.model.client : null, this.camera);
  }

  /** A live frame was read: auto-capture when it holds steady. */
  private onFrame(): void {
    this.find.frame(this.readings.numbers, this.detection.source.w);
    if (this.captures.steadyReading(this.reading)) void this.capture();
    if (this.reading && !this.persistAsked) {
      // Ask once, after the app has proved useful: browsers grant persistence more readily then.
      this.persistAsked = true;
      void requestPersistence();
    }
  }

  private onCameraState(e: CustomEvent<CameraState>): void {
    if (e.detail === 'live') {
      if (!this.keepNotice) this.notices.clear(); // news about an earlier picture is stale
      this.keepNotice = false;
      this.find.reset();
      this.runSource();
    } else if (!this.photo) {
      this.detection.stop();
      this.detection.clear();
    }
  }

  private onPhoto(e: CustomEvent<PhotoSource>): void {
    this.photo?.close();
    this.photo = e.detail;
    this.notices.clear(); // news about an earlier picture is stale
    this.camera?.stop();
    this.detection.clear();
    this.readings.reset();
    this.runSource();
  }

  private backToCamera(): void {
    this.photo?.close();
    this.photo = null;
    this.detection.clear();
    this.readings.reset();
    void this.updateComplete.then(() => this.camera?.start());
  }

  /** A picked file could not be opened: said at once, over the camera rather than the previous photo. */
  private onPhotoError(e: CustomEvent<string>): void {
    this.notices.show(e.detail, 'problem');
    this.keepNotice = !!this.photo; // the camera coming back must not clear it
    if (this.photo) this.backToCamera();
  }

  /** The reading, and what can be done with it (copy, share, zoom in). */
  private readingParts() {
    const { reading, tentative, guidance } = this.readings;
    const said = this.find.active ? this.find.announcement : reading; // with Find on, only its news
    const state = { reading, tentative, guidance, said, share: canShare(), zoom: !this.photo && !!this.camera?.canZoomIn };
    const actions = {
      copy: (text: string) => void actOnReading(text).then((m) => this.notices.show(m)),
      share: (text: string) => void shareReading(text).then((m) => m && this.notices.show(m)),
      zoomIn: () => void this.camera?.zoomIn(),
    };
    return { view: readingView(state, actions), share: shareAction(state, actions) };
  }

  /** A tap on the view locks onto the number under it (tapping elsewhere unlocks). */
  private onViewTap(e: MouseEvent): void {
    if (e.composedPath().some((t) => t instanceof HTMLElement && t.closest('button, input, a, [role="dialog"]'))) return;
    const { x, y } = framePoint(e, this.detection.source, this.photo ? 'contain' : 'cover');
    this.readings.tapAt(x, y);
  }

  /** Keeps what is on screen (see CaptureController.capture). */
  private capture(): Promise<void> {
    return this.captures.capture(this.photo ?? this.camera, this.model.ready ? this.model.client : null);
  }

  private async toggleSettings(): Promise<void> {
    await this.captures.open();
    this.settingsOpen = !this.settingsOpen;
  }

  private async openHistory(): Promise<void> {
    await this.captures.open();
    this.historyOpen = true;
  }

  override render() {
    const fit = this.photo ? 'contain' : 'cover';
    const reading = this.readingParts();
    return html`
      <header>
        <h1>Digit Lens</h1>
        <button @click=${this.openHistory} data-testid="history-toggle">History</button>
        <button @click=${this.toggleSettings} aria-expanded=${String(this.settingsOpen)} data-testid="settings-toggle">
          Settings
        </button>
      </header>
      <history-status .state=${this.captures.historyState}></history-status>
      <main
        @learn-requested=${() => ((this.historyOpen = false), (this.settingsOpen = true))}
        @click=${this.onViewTap}
        @choose-photo=${() => this.picker?.open()}
        @camera-state=${this.onCameraState}
      >
        ${this.photo ? html`<photo-view .photo=${this.photo}></photo-view>` : html`<camera-view></camera-view>`}
        <detection-overlay
          .boxes=${this.detection.boxes}
          .numbers=${this.readings.numbers.map((n) => n.box)}
          .chosen=${this.readings.chosen?.box ?? null}
          .found=${this.photo ? null : this.find.box}
          ?finding=${this.find.active && !this.photo}
          .sourceWidth=${this.detection.source.w}
          .sourceHeight=${this.detection.source.h}
          .fit=${fit}
        ></detection-overlay>
        <div class="dock">
          ${this.hud ? html`<perf-hud .stats=${this.stats} .info=${this.info} .loop=${this.detection.loop?.stats ?? null}></perf-hud>` : nothing}
          ${modelStateView(this.model, this.notices)}
          <pwa-status ?saved=${this.model.offlineSaved}></pwa-status>
        </div>
        ${
          this.settingsOpen
            ? html`<settings-panel
                .info=${this.info}
                .modelDetail=${this.model.detail}
                .store=${this.captures.store}
                @settings-close=${() => (this.settingsOpen = false)}
                .hud=${this.hud}
                @hud-changed=${(e: CustomEvent<boolean>) => (this.hud = e.detail)}
                @auto-capture-changed=${(e: CustomEvent<boolean>) => (this.captures.autoCapture = e.detail)}
                .speechAvailable=${this.speech.available}
                @speak-changed=${(e: CustomEvent<SpeakSettings>) => this.speech.configure(e.detail)}
              ></settings-panel>`
            : nothing
        }
        ${this.historyOpen ? html`<history-view .store=${this.captures.store} @history-close=${() => (this.historyOpen = false)}></history-view>` : nothing}
      </main>
      <!-- Beside the view, not in it: over the view in portrait, beside it in landscape (app-styles). -->
      ${reading.view}
      <footer @photo-chosen=${this.onPhoto} @photo-error=${this.onPhotoError}>
        ${findBar(this.find, (m) => this.notices.show(m, 'problem'))}
        <photo-picker></photo-picker>
        <button
          class="shutter"
          @click=${this.capture}
          ?disabled=${!this.model.ready || this.captures.capturing}
          data-testid="capture"
        >
          Capture
        </button>
        ${reading.share}
        ${this.photo ? html`<button @click=${this.backToCamera} data-testid="back-to-camera">Back to camera</button>` : nothing}
      </footer>
    `;
  }
}

customElements.define('digit-lens-app', DigitLensApp);

declare global {
  interface HTMLElementTagNameMap {
    'digit-lens-app': DigitLensApp;
  }
}
