import { LitElement, css, html } from 'lit';
import { PhotoError, PhotoSource, decodePhoto } from './photo-source.js';
import { buttonStyles } from '../styles/buttons.js';

/**
 * "Choose a photo": a file input that turns a picked image into a PhotoSource. Says nothing itself:
 * a file that cannot be opened is told to the app, which shows it with its other messages.
 *
 * @fires photo-chosen - detail: PhotoSource
 * @fires photo-error - detail: why the picked file could not be opened, for the user
 */
export class PhotoPicker extends LitElement {
  static override properties = { busy: { state: true } };

  declare busy: boolean;

  constructor() {
    super();
    this.busy = false;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        display: inline-flex;
        flex-direction: column;
        align-items: center;
        gap: 0.25rem;
      }
      button {
        background: rgb(255 255 255 / 0.9);
        color: #111;
        padding-inline: 0.9rem;
      }
      input {
        display: none;
      }
    `,
  ];

  get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  /** Opens the system picker. */
  open(): void {
    this.input?.click();
  }

  /** Handles a picked file; public so tests and drag-and-drop can feed files directly. */
  async choose(file: File): Promise<PhotoSource | null> {
    this.busy = true;
    try {
      const bitmap = await decodePhoto(file);
      const source = new PhotoSource(bitmap, file.name);
      this.dispatchEvent(new CustomEvent<PhotoSource>('photo-chosen', { detail: source, bubbles: true, composed: true }));
      return source;
    } catch (e) {
      const detail = e instanceof PhotoError ? e.message : 'That photo could not be opened.';
      this.dispatchEvent(new CustomEvent<string>('photo-error', { detail, bubbles: true, composed: true }));
      return null;
    } finally {
      this.busy = false;
    }
  }

  private async onChange(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = ''; // choosing the same file again must fire change again
    if (file) await this.choose(file);
  }

  override render() {
    return html`
      <input type="file" accept="image/*" @change=${this.onChange} data-testid="photo-input" />
      <button @click=${this.open} ?disabled=${this.busy} data-testid="choose-photo">Choose a photo</button>
    `;
  }
}

customElements.define('photo-picker', PhotoPicker);

declare global {
  interface HTMLElementTagNameMap {
    'photo-picker': PhotoPicker;
  }
  interface HTMLElementEventMap {
    'photo-chosen': CustomEvent<PhotoSource>;
    'photo-error': CustomEvent<string>;
  }
}
