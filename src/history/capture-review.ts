import { LitElement, html, nothing, svg } from 'lit';
import { ScreenController } from '../app/screen-controller.js';
import { captureReviewStyles } from './capture-review-styles.js';
import { WHY_DISABLED, digitButtons, reviewActions, reviewHint } from './review-tools.js';
import { fitTransform } from '../overlay/fit.js';
import { readNumber } from '../detector/read.js';
import { boxKeyAction, clampBox, clampPoint, moveBox, resizeBox, spanBox, type ImageSize } from './box-edit.js';
import type { CaptureStore } from './capture-store.js';
import type { BoxRecord, CaptureRecord, CorrectionRecord } from './schema.js';

type Drag = { kind: 'move' | 'resize' | 'draw'; index: number; x0: number; y0: number; start: BoxRecord };

/** The number the boxes spell, left to right. */
const numberOf = (boxes: BoxRecord[]): string => readNumber(boxes.map((b) => ({ ...b, score: 1 }))).reading;

/**
 * Review one capture: confirm the prediction, or correct it — relabel a box, move/resize it,
 * add a missing digit box (drag on the image), delete a false one, type the right number.
 * Saved as a correction linked to the capture; the original prediction stays untouched.
 *
 * @fires correction-saved - detail: CorrectionRecord
 * @fires review-close - the user closed the review
 * @fires learn-requested - the user asked to learn from their corrections (bubbles to the app)
 *
 * Neither bubbles: History, which opened the review, listens on it. (A bubbling, composed "close"
 * used to leave History's shadow root and close History itself too.)
 */
export class CaptureReview extends LitElement {
  static override properties = {
    capture: { attribute: false },
    correction: { attribute: false },
    store: { attribute: false },
    boxes: { state: true },
    number: { state: true },
    selected: { state: true },
    drawing: { state: true },
    size: { state: true },
    message: { state: true },
    learnable: { type: Boolean },
  };

  declare capture: CaptureRecord | null;
  declare correction: CorrectionRecord | null;
  declare store: CaptureStore | null;
  declare boxes: BoxRecord[];
  declare number: string;
  declare selected: number;
  declare drawing: boolean;
  declare size: { w: number; h: number };
  declare message: string;
  /** Enough reviewed digits to learn from: the review offers "Learn from my corrections". */
  declare learnable: boolean;
  private url = '';
  private drag: Drag | null = null;
  /** A screen over History: Close, Escape (this one only), focus in and back, History beneath inert. */
  private readonly screen = new ScreenController(this, {
    title: 'Review',
    closeId: 'review-close',
    close: () => this.dispatchEvent(new CustomEvent('review-close')),
  });
  private ro = new ResizeObserver(([e]) => (this.size = { w: e.contentRect.width, h: e.contentRect.height }));

  constructor() {
    super();
    this.learnable = false;
    this.capture = null;
    this.correction = null;
    this.store = null;
    this.boxes = [];
    this.number = '';
    this.selected = -1;
    this.drawing = false;
    this.size = { w: 0, h: 0 };
    this.message = '';
  }

  static override styles = captureReviewStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.capture) {
      this.url = URL.createObjectURL(this.capture.image);
      const src = this.correction?.boxes ?? this.capture.predictions;
      this.boxes = src.map((b) => ({ ...b }));
      this.number = this.correction?.reading ?? this.capture.reading;
    }
  }

  override firstUpdated(): void {
    const stage = this.renderRoot.querySelector('.stage');
    if (stage) this.ro.observe(stage);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ro.disconnect();
    URL.revokeObjectURL(this.url);
  }

  private get fit() {
    return fitTransform(this.capture?.width ?? 0, this.capture?.height ?? 0, this.size.w, this.size.h, 'contain');
  }

  /** The capture's own size: boxes are kept on it. */
  private get image(): ImageSize {
    return { width: this.capture?.width ?? 1, height: this.capture?.height ?? 1 };
  }

  /** Pointer position in image pixels. */
  private toImage(e: PointerEvent): { x: number; y: number } {
    const r = (this.renderRoot.querySelector('svg') as SVGSVGElement).getBoundingClientRect();
    const f = this.fit;
    return { x: (e.clientX - r.left - f.offsetX) / f.scale, y: (e.clientY - r.top - f.offsetY) / f.scale };
  }

  private down(e: PointerEvent, kind: Drag['kind'], index: number): void {
    e.stopPropagation();
    // A box is drawn from where the pointer lands on the image (a press in the margin starts at its edge).
    const p = kind === 'draw' ? clampPoint(this.toImage(e), this.image) : this.toImage(e);
    if (kind === 'draw') {
      if (!this.drawing) return;
      this.boxes = [...this.boxes, spanBox(0, p, p, this.image)];
      index = this.boxes.length - 1;
    }
    this.selected = index;
    this.drag = { kind, index, x0: p.x, y0: p.y, start: { ...this.boxes[index] } };
    try {
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
    } catch {
      // synthetic or already-released pointers cannot be captured; dragging still works inside the stage
    }
  }

  private move(e: PointerEvent): void {
    const d = this.drag;
    if (!d) return;
    const p = this.toImage(e);
    const dx = p.x - d.x0;
    const dy = p.y - d.y0;
    const b =
      d.kind === 'move'
        ? moveBox(d.start, dx, dy, this.image)
        : d.kind === 'resize'
          ? resizeBox(d.start, dx, dy, this.image)
          : spanBox(d.start.digit, { x: d.x0, y: d.y0 }, p, this.image);
    this.boxes = this.boxes.map((o, i) => (i === d.index ? b : o));
  }

  private up(): void {
    if (this.drag?.kind === 'draw') this.drawing = false;
    this.drag = null;
  }

  private relabel(digit: number): void {
    if (this.selected < 0) return;
    this.boxes = this.boxes.map((b, i) => (i === this.selected ? { ...b, digit } : b));
    this.number = numberOf(this.boxes);
  }

  private deleteBox(): void {
    if (this.selected < 0) return;
    this.boxes = this.boxes.filter((_, i) => i !== this.selected);
    this.selected = -1;
    this.number = numberOf(this.boxes);
  }

  /**
   * Keyboard editing of the focused box (Tab walks the boxes; focusing one selects it): a digit
   * relabels it, arrows move it, Shift+arrows resize it, Delete or Backspace removes it. Other
   * keys (Tab, Escape) pass on.
   */
  private async onBoxKey(e: KeyboardEvent, index: number): Promise<void> {
    const action = boxKeyAction(e, this.boxes[index], this.image);
    if (!action) return;
    e.preventDefault();
    this.selected = index;
    if (action.kind === 'relabel') this.relabel(action.digit);
    else if (action.kind === 'edit') this.boxes = this.boxes.map((o, i) => (i === index ? action.box : o));
    else {
      this.deleteBox();
      await this.updateComplete;
      // Focus stays among the boxes (the next one, or the last), else moves to Add box.
      const rects = this.renderRoot.querySelectorAll<SVGRectElement>('rect.box');
      (
        rects[Math.min(index, rects.length - 1)] ?? this.renderRoot.querySelector<HTMLElement>('[data-testid="add-box"]')
      )?.focus();
    }
  }

  private async save(confirmed: boolean): Promise<void> {
    if (!this.capture || !this.store) return;
    const c: CorrectionRecord = confirmed
      ? {
          captureId: this.capture.id,
          reading: this.capture.reading,
          boxes: this.capture.predictions,
          confirmed: true,
          time: Date.now(),
        }
      : {
          captureId: this.capture.id,
          reading: this.number.replace(/\D/g, ''),
          boxes: this.boxes.map((b) => clampBox(b, this.image)),
          confirmed: false,
          time: Date.now(),
        };
    try {
      await this.store.saveCorrection(c);
      this.dispatchEvent(new CustomEvent<CorrectionRecord>('correction-saved', { detail: c }));
    } catch (e) {
      this.message = e instanceof Error ? e.message : String(e);
    }
  }

  override render() {
    const f = this.fit;
    /** No box selected: the digit and delete buttons are off, and say why. */
    const none = this.selected < 0;
    return html`
      ${this.screen.renderHead()}
      <div class="stage">
        <img src=${this.url} alt="Capture" />
        <svg
          data-testid="review-stage"
          @pointerdown=${(e: PointerEvent) => this.down(e, 'draw', -1)}
          @pointermove=${this.move}
          @pointerup=${this.up}
          @pointercancel=${this.up}
          @pointerleave=${this.up}
        >
          ${this.boxes.map((b, i) => {
            const x = f.offsetX + b.x * f.scale;
            const y = f.offsetY + b.y * f.scale;
            const w = b.w * f.scale;
            const h = b.h * f.scale;
            return svg`<g>
              <rect class="box ${i === this.selected ? 'sel' : ''}" data-testid="review-box" x=${x} y=${y} width=${w} height=${h}
                tabindex="0" role="button" aria-pressed=${String(i === this.selected)} aria-label=${`Box ${i + 1}: digit ${b.digit}`}
                @focus=${() => (this.selected = i)} @keydown=${(e: KeyboardEvent) => this.onBoxKey(e, i)}
                @pointerdown=${(e: PointerEvent) => this.down(e, 'move', i)}></rect>
              <text x=${x + 2} y=${y - 4}>${b.digit}</text>
              ${i === this.selected ? svg`<rect class="handle" data-testid="review-handle" x=${x + w - 7} y=${y + h - 7} width="14" height="14" @pointerdown=${(e: PointerEvent) => this.down(e, 'resize', i)}></rect>` : nothing}
            </g>`;
          })}
        </svg>
      </div>
      <div class="side">
        ${reviewActions({
          learnable: this.learnable,
          message: this.message,
          save: (confirmed) => void this.save(confirmed),
          learn: () => this.dispatchEvent(new CustomEvent('learn-requested', { bubbles: true, composed: true })),
        })}
        <div class="panel">
          <label
            >Number
            <input
              data-testid="review-number"
              inputmode="numeric"
              .value=${this.number}
              @input=${(e: Event) => (this.number = (e.target as HTMLInputElement).value)}
          /></label>
          <button aria-pressed=${String(this.drawing)} @click=${() => (this.drawing = !this.drawing)} data-testid="add-box">
            Add box
          </button>
          <button
            ?disabled=${none}
            aria-describedby=${none ? WHY_DISABLED : nothing}
            @click=${this.deleteBox}
            data-testid="delete-box"
          >
            Delete box
          </button>
        </div>
        ${reviewHint} ${digitButtons(none, (d) => this.relabel(d))}
      </div>
    `;
  }
}

customElements.define('capture-review', CaptureReview);

declare global {
  interface HTMLElementTagNameMap {
    'capture-review': CaptureReview;
  }
  interface HTMLElementEventMap {
    'correction-saved': CustomEvent<CorrectionRecord>;
    'review-close': CustomEvent<void>;
    'learn-requested': CustomEvent<void>;
  }
}
