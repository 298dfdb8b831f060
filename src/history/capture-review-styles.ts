import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.js';
import { screenStyles } from '../styles/screen.js';

/** <capture-review>'s layout: the photo with its editable boxes, the reading field and the actions. */
export const captureReviewStyles = [
  buttonStyles,
  screenStyles,
  css`
    :host {
      background: #0b1220;
      z-index: 6;
    }
    .stage {
      position: relative;
      flex: 1;
      min-height: 0;
      touch-action: none;
    }
    img,
    svg {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      object-fit: contain;
    }
    rect.box {
      fill: rgb(255 216 77 / 0.08);
      stroke: #ffd84d;
      stroke-width: 2;
      cursor: move;
    }
    rect.box.sel {
      stroke: #34d399;
      stroke-width: 3;
    }
    rect.handle {
      fill: #34d399;
      cursor: nwse-resize;
    }
    text {
      fill: #ffd84d;
      font: 700 16px system-ui;
      pointer-events: none;
    }
    .panel {
      display: flex;
      flex-wrap: wrap;
      gap: 0.4rem;
      padding: 0.6rem 0.75rem;
      align-items: center;
    }
    button.primary {
      background: #ffd84d;
      color: #111;
    }
    button[aria-pressed='true'] {
      background: #34d399;
      color: #111;
    }
    input {
      font:
        700 1.2rem ui-monospace,
        monospace;
      width: 8ch;
      min-height: 44px;
      box-sizing: border-box;
      padding: 0.3rem 0.5rem;
      border-radius: 0.4rem;
      border: 1px solid #374151;
      background: #1f2937;
      color: #ffd84d;
    }
    /* Keyboard focus on a box: a clear ring, as on the buttons. */
    rect.box:focus-visible {
      outline: none;
      stroke: #93c5fd;
      stroke-width: 4;
    }
    .hint {
      margin: 0;
      padding: 0.5rem 0.75rem 0;
      font-size: 0.85rem;
      line-height: 1.35;
      color: #d1d5db;
    }
    .why {
      font-size: 0.85rem;
      color: #d1d5db;
    }
    .side {
      display: contents;
    }
    /* Phone landscape: the photo takes the whole height on the left, the tools scroll beside it
       (stacked under it, the photo was left a strip 60 px tall). */
    @media (orientation: landscape) and (max-height: 600px) {
      :host {
        display: grid;
        grid-template:
          'head head' auto
          'stage side' minmax(0, 1fr)
          / minmax(0, 1fr) minmax(15rem, 42%);
      }
      .screen-head {
        grid-area: head;
      }
      .stage {
        grid-area: stage;
      }
      .side {
        grid-area: side;
        display: block;
        overflow-y: auto;
        padding-right: env(safe-area-inset-right);
      }
    }
  `,
];
