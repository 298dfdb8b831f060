import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.js';

/** The shell's layout: header, history status, the view (camera or photo) with its overlays, footer. */
export const appStyles = [
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
