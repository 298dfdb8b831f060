import { LitElement, css, html, nothing } from 'lit';
import '../camera/camera-view.js';
import '../camera/photo-picker.js';
import type { CameraView } from '../camera/camera-view.js';
import type { PhotoPicker } from '../camera/photo-picker.js';
import type { PhotoSource } from '../camera/photo-source.js';
import './photo-view.js';
import './pwa-status.js';

/** The app shell: live camera by default, a chosen photo when the user picks one. */
export class DigitLensApp extends LitElement {
  static override properties = { photo: { state: true } };

  photo: PhotoSource | null = null;

  static override styles = css`
    :host {
      display: grid;
      grid-template-rows: auto 1fr auto;
      height: 100dvh;
      background: #111827;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: calc(0.5rem + env(safe-area-inset-top)) 1rem 0.5rem;
    }
    h1 {
      margin: 0;
      font-size: 1.1rem;
      letter-spacing: 0.02em;
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
    footer {
      display: flex;
      justify-content: center;
      gap: 1rem;
      padding: 0.75rem 1rem calc(0.75rem + env(safe-area-inset-bottom));
    }
    button {
      font: inherit;
      border: 0;
      border-radius: 999px;
      padding: 0.6rem 1.2rem;
      min-height: 44px;
      background: #374151;
      color: #f9fafb;
    }
  `;

  private get camera(): CameraView | null {
    return this.renderRoot.querySelector('camera-view');
  }

  private get picker(): PhotoPicker | null {
    return this.renderRoot.querySelector('photo-picker');
  }

  private onPhoto(e: CustomEvent<PhotoSource>): void {
    this.photo?.close();
    this.photo = e.detail;
    this.camera?.stop();
  }

  private backToCamera(): void {
    this.photo?.close();
    this.photo = null;
    void this.updateComplete.then(() => this.camera?.start());
  }

  override render() {
    return html`
      <header><h1>Digit Lens</h1></header>
      <main @choose-photo=${() => this.picker?.open()}>
        ${this.photo ? html`<photo-view .photo=${this.photo}></photo-view>` : html`<camera-view></camera-view>`}
      </main>
      <footer @photo-chosen=${this.onPhoto}>
        <photo-picker></photo-picker>
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
