import { LitElement, html, nothing } from 'lit';
import { cameraViewStyles } from './camera-view-styles.js';
import { cameraConstraints, messageFor, stateForError, type CameraState } from './camera-state.js';
import { bitmapWithin, type Frame, type FrameSource } from './frame-source.js';

interface TorchZoomCapabilities extends MediaTrackCapabilities {
  torch?: boolean;
  zoom?: { min: number; max: number; step: number };
}

/**
 * Full-bleed rear-camera view. Owns the MediaStream: asks for it with ideal-only constraints,
 * pauses it while the page is hidden, and offers torch / zoom / switch only where the device has them.
 *
 * @fires camera-state - detail: CameraState, whenever the state changes
 * @fires choose-photo - the user asked to pick a photo instead (no camera, denied)
 */
export class CameraView extends LitElement implements FrameSource {
  static override properties = {
    state: { type: String, reflect: true },
    autostart: { type: Boolean },
    torchOn: { state: true },
    zoom: { state: true },
    caps: { state: true },
    cameras: { state: true },
  };

  declare state: CameraState;
  declare autostart: boolean;
  declare torchOn: boolean;
  declare zoom: number;
  declare caps: TorchZoomCapabilities | null;
  declare cameras: MediaDeviceInfo[];
  private stream: MediaStream | null = null;
  private deviceId: string | undefined;
  private startToken = 0;

  constructor() {
    super();
    this.state = 'idle';
    this.autostart = true;
    this.torchOn = false;
    this.zoom = 1;
    this.caps = null;
    this.cameras = [];
  }

  static override styles = cameraViewStyles;

  get video(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.stop();
  }

  override firstUpdated(): void {
    if (this.autostart) void this.start();
  }

  private setState(s: CameraState): void {
    if (this.state === s) return;
    this.state = s;
    this.dispatchEvent(new CustomEvent<CameraState>('camera-state', { detail: s, bubbles: true, composed: true }));
  }

  private readonly onVisibility = (): void => {
    if (document.hidden && this.state === 'live') {
      this.stop();
      this.setState('paused');
    } else if (!document.hidden && this.state === 'paused') {
      void this.start();
    }
  };

  /** Starts (or restarts) the camera. Safe to call repeatedly: only the latest call wins. */
  async start(): Promise<void> {
    const token = ++this.startToken;
    this.stop();
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      this.setState(window.isSecureContext ? 'no-camera' : 'insecure');
      return;
    }
    this.setState('asking');
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia(cameraConstraints(this.deviceId));
    } catch (err) {
      if (token === this.startToken) this.setState(stateForError(err));
      return;
    }
    if (token !== this.startToken) {
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.stream = stream;
    const [track] = stream.getVideoTracks();
    track.addEventListener('ended', this.onEnded);
    this.caps = (track.getCapabilities?.() as TorchZoomCapabilities | undefined) ?? null;
    this.torchOn = false;
    this.zoom = (track.getSettings() as { zoom?: number }).zoom ?? 1;
    await this.updateComplete;
    const video = this.video;
    if (!video) return;
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // Autoplay of a muted inline video is allowed everywhere we run; a failure here means the
      // stream died between getUserMedia and play.
    }
    this.setState('live');
    void this.listCameras();
  }

  stop(): void {
    if (this.stream) {
      for (const t of this.stream.getTracks()) {
        t.removeEventListener('ended', this.onEnded);
        t.stop();
      }
      this.stream = null;
    }
    const v = this.video;
    if (v) v.srcObject = null;
  }

  private readonly onEnded = (): void => {
    this.stop();
    this.setState('ended');
  };

  private async listCameras(): Promise<void> {
    try {
      const devices = await navigator.mediaDevices.enumerateDevices();
      this.cameras = devices.filter((d) => d.kind === 'videoinput');
    } catch {
      this.cameras = [];
    }
  }

  private async switchCamera(): Promise<void> {
    if (this.cameras.length < 2) return;
    const current = this.stream?.getVideoTracks()[0]?.getSettings().deviceId;
    const i = this.cameras.findIndex((c) => c.deviceId === current);
    this.deviceId = this.cameras[(i + 1) % this.cameras.length].deviceId;
    await this.start();
  }

  private async applyTrack(c: Record<string, unknown>): Promise<void> {
    const track = this.stream?.getVideoTracks()[0];
    if (!track) return;
    try {
      await track.applyConstraints({ advanced: [c as MediaTrackConstraintSet] });
    } catch {
      // Some devices report a capability they then refuse; the control simply does nothing.
    }
  }

  private async toggleTorch(): Promise<void> {
    this.torchOn = !this.torchOn;
    await this.applyTrack({ torch: this.torchOn });
  }

  /** The track can zoom in further (a "Move closer" can then be answered with the camera's zoom). */
  get canZoomIn(): boolean {
    const z = this.caps?.zoom;
    return this.state === 'live' && !!z && z.max > z.min && this.zoom < z.max;
  }

  /** Doubles the camera zoom, up to what the track offers. */
  async zoomIn(): Promise<void> {
    const z = this.caps?.zoom;
    if (!z || !this.canZoomIn) return;
    this.zoom = Math.min(z.max, Math.max(z.min, this.zoom) * 2);
    await this.applyTrack({ zoom: this.zoom });
  }

  private async setZoom(e: Event): Promise<void> {
    this.zoom = Number((e.target as HTMLInputElement).value);
    await this.applyTrack({ zoom: this.zoom });
  }

  /** FrameSource: the current video frame as a transferable ImageBitmap. */
  async grabFrame(maxSide?: number): Promise<Frame | null> {
    const v = this.video;
    if (this.state !== 'live' || !v || v.readyState < 2 || v.videoWidth === 0) return null;
    const bitmap = await bitmapWithin(v, v.videoWidth, v.videoHeight, maxSide);
    return { bitmap, width: bitmap.width, height: bitmap.height, source: 'camera' };
  }

  private onAction(action: 'retry' | 'photo'): void {
    if (action === 'retry') void this.start();
    else this.dispatchEvent(new CustomEvent('choose-photo', { bubbles: true, composed: true }));
  }

  override render() {
    const msg = messageFor(this.state);
    const caps = this.caps;
    return html`
      <video playsinline muted autoplay disablepictureinpicture aria-label="Camera preview"></video>
      <!-- The state as a word, for tests; what a person needs to hear is in the message below. -->
      <span hidden data-testid="camera-state">${this.state}</span>
      ${
        this.state === 'live'
          ? html`<div class="controls">
              ${
                caps?.torch
                  ? html`<button aria-pressed=${String(this.torchOn)} @click=${this.toggleTorch} data-testid="torch">
                      Torch
                    </button>`
                  : nothing
              }
              ${
                caps?.zoom && caps.zoom.max > caps.zoom.min
                  ? html`<label
                      >Zoom
                      <input
                        type="range"
                        data-testid="zoom"
                        min=${caps.zoom.min}
                        max=${caps.zoom.max}
                        step=${caps.zoom.step || 0.1}
                        .value=${String(this.zoom)}
                        @input=${this.setZoom}
                    /></label>`
                  : nothing
              }
              ${
                this.cameras.length > 1
                  ? html`<button @click=${this.switchCamera} data-testid="switch-camera">Switch camera</button>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        msg
          ? html`<div class="message" role="status" data-testid="camera-message">
              <h2>${msg.title}</h2>
              <p>${msg.body}</p>
              ${
                msg.action
                  ? html`<button @click=${() => this.onAction(msg.action!)} data-testid="camera-action">
                      ${msg.action === 'retry' ? 'Try again' : 'Choose a photo'}
                    </button>`
                  : nothing
              }
              ${
                msg.action === 'retry'
                  ? html`<button @click=${() => this.onAction('photo')} data-testid="camera-photo">Choose a photo</button>`
                  : nothing
              }
            </div>`
          : nothing
      }
    `;
  }
}

customElements.define('camera-view', CameraView);

declare global {
  interface HTMLElementTagNameMap {
    'camera-view': CameraView;
  }
  interface HTMLElementEventMap {
    'camera-state': CustomEvent<CameraState>;
    'choose-photo': CustomEvent<void>;
  }
}
