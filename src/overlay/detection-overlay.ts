import { LitElement, css, html, nothing, svg } from 'lit';
import { centreX, centreY } from '../detector/box-geometry.js';
import type { DigitBox } from '../detector/read.js';
import type { Rect } from '../detector/whole-frame.js';
import { fitTransform } from './fit.js';

/**
 * Boxes with their digits drawn over the video or photo, aligned with object-fit cover/contain
 * and kept aligned through resizes and rotation (ResizeObserver).
 */
export class DetectionOverlay extends LitElement {
  static override properties = {
    boxes: { attribute: false },
    numbers: { attribute: false },
    chosen: { attribute: false },
    found: { attribute: false },
    finding: { type: Boolean },
    sourceWidth: { type: Number },
    sourceHeight: { type: Number },
    fit: { type: String },
    size: { state: true },
  };

  declare boxes: DigitBox[];
  /** The rectangle around each number in view: with several, the user sees which one is read. */
  declare numbers: Rect[];
  /** The number the reading comes from (one of `numbers`), or null. */
  declare chosen: Rect | null;
  /** Find: the wanted number while it is in view (marked), else null. */
  declare found: Rect | null;
  /** Find is on: every other number is drawn faded. */
  declare finding: boolean;
  declare sourceWidth: number;
  declare sourceHeight: number;
  declare fit: 'cover' | 'contain';
  declare size: { w: number; h: number };
  private ro = new ResizeObserver(([e]) => {
    this.size = { w: e.contentRect.width, h: e.contentRect.height };
  });

  constructor() {
    super();
    this.boxes = [];
    this.numbers = [];
    this.chosen = null;
    this.found = null;
    this.finding = false;
    this.sourceWidth = 0;
    this.sourceHeight = 0;
    this.fit = 'cover';
    this.size = { w: 0, h: 0 };
  }

  static override styles = css`
    :host {
      position: absolute;
      inset: 0;
      pointer-events: none;
    }
    svg {
      width: 100%;
      height: 100%;
      display: block;
    }
    rect {
      fill: none;
      stroke: #ffd84d;
      stroke-width: 2.5;
    }
    text {
      fill: #111;
      font:
        600 14px system-ui,
        sans-serif;
    }
    .number {
      stroke: #fff;
      stroke-width: 1.5;
      stroke-dasharray: 6 4;
      opacity: 0.8;
    }
    .number.chosen {
      stroke: #ffd84d;
      stroke-width: 3;
      stroke-dasharray: none;
      opacity: 1;
    }
    .tag {
      fill: #ffd84d;
      stroke: none;
    }
    /* After .number.chosen, and as specific: with Find on, the chosen number fades too. */
    .faded,
    .number.faded {
      opacity: 0.35;
    }
    .found {
      stroke: #4ade80;
      stroke-width: 4;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    this.ro.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.ro.disconnect();
  }

  override render() {
    const { scale, offsetX, offsetY } = fitTransform(this.sourceWidth, this.sourceHeight, this.size.w, this.size.h, this.fit);
    // Numbers are framed only when there is a choice: with one in view its digit boxes say enough.
    const framed = this.numbers.length > 1 ? this.numbers : [];
    const pad = 6;
    const found = this.found;
    const fade = (b: Rect): string => (this.finding && !(found && inside(b, found)) ? 'faded' : '');
    const outline = (n: Rect, cls: string, id: string) =>
      svg`<rect class=${cls} data-testid=${id} x=${offsetX + n.x * scale - pad} y=${offsetY + n.y * scale - pad}
        width=${n.w * scale + 2 * pad} height=${n.h * scale + 2 * pad} rx="6"></rect>`;
    // A picture of what the reading says: a screen reader hears the reading, not each digit's tag.
    return html`<svg
      viewBox="0 0 ${this.size.w} ${this.size.h}"
      aria-hidden="true"
      data-testid="overlay"
      data-boxes=${this.boxes.length}
    >
      ${framed.map((n) => outline(n, `number ${n === this.chosen ? 'chosen' : ''} ${fade(n)}`, 'number-outline'))}
      ${found ? outline(found, 'found', 'found-outline') : nothing}
      ${this.boxes.map((b) => {
        const x = offsetX + b.x * scale;
        const y = offsetY + b.y * scale;
        return svg`<g class=${fade(b)}>
          <rect x=${x} y=${y} width=${b.w * scale} height=${b.h * scale} rx="3"></rect>
          <rect class="tag" x=${x} y=${y - 18} width="16" height="18" rx="3"></rect>
          <text x=${x + 4} y=${y - 4}>${b.label ?? b.digit}</text>
        </g>`;
      })}
    </svg>`;
  }
}

/** Whether the middle of `b` lies within `r`: a digit of the number found. */
const inside = (b: Rect, r: Rect): boolean =>
  centreX(b) >= r.x && centreX(b) <= r.x + r.w && centreY(b) >= r.y && centreY(b) <= r.y + r.h;

customElements.define('detection-overlay', DetectionOverlay);

declare global {
  interface HTMLElementTagNameMap {
    'detection-overlay': DetectionOverlay;
  }
}
