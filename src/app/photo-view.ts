import { LitElement, css, html } from 'lit';
import type { PhotoSource } from '../camera/photo-source.js';

/** Shows a chosen photo, fitted (contain) to the view. */
export class PhotoView extends LitElement {
  static override properties = { photo: { attribute: false } };

  declare photo: PhotoSource | null;

  constructor() {
    super();
    this.photo = null;
  }

  static override styles = css`
    :host {
      display: block;
      background: #000;
    }
    canvas {
      width: 100%;
      height: 100%;
      object-fit: contain;
      display: block;
    }
  `;

  override updated(): void {
    const canvas = this.renderRoot.querySelector('canvas');
    if (!canvas || !this.photo) return;
    canvas.width = this.photo.width;
    canvas.height = this.photo.height;
    canvas.getContext('2d')?.drawImage(this.photo.bitmap, 0, 0);
  }

  override render() {
    return html`<canvas data-testid="photo" aria-label=${`Photo ${this.photo?.name ?? ''}`}></canvas>`;
  }
}

customElements.define('photo-view', PhotoView);

declare global {
  interface HTMLElementTagNameMap {
    'photo-view': PhotoView;
  }
}
