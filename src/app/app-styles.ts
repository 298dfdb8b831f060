import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.js';

/**
 * The shell's layout: header, history status, the view (camera or photo) with its overlays, the
 * reading, footer. Portrait: one column, the reading over the top of the view. Phone landscape:
 * the view on the left and a side column with the reading and the actions, so the reading never
 * covers the digits it read (the view is too short to keep clear of them from above).
 */
export const appStyles = [
  buttonStyles,
  css`
    :host {
      display: grid;
      /* history-status is empty unless the history is blocked */
      grid-template: 'header' auto 'status' auto 'main' minmax(0, 1fr) 'footer' auto / minmax(0, 1fr);
      height: 100dvh;
      background: #111827;
    }
    header {
      grid-area: header;
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: calc(0.4rem + env(safe-area-inset-top)) calc(0.75rem + env(safe-area-inset-right)) 0.4rem
        calc(0.75rem + env(safe-area-inset-left));
    }
    h1 {
      margin: 0 auto 0 0;
      font-size: 1.1rem;
      letter-spacing: 0.02em;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    history-status {
      grid-area: status;
    }
    main {
      grid-area: main;
      position: relative;
      min-height: 0;
      min-width: 0;
    }
    camera-view,
    photo-view {
      position: absolute;
      inset: 0;
    }
    /* Grid items laid over the top of the view; positioned so they paint over the video. */
    .reading,
    .guidance {
      grid-area: main;
      align-self: start;
      justify-self: center;
      position: relative;
      z-index: 1;
      margin-top: 1rem;
      box-sizing: border-box;
      max-width: calc(100% - 2rem);
    }
    .reading {
      min-width: 4ch;
      overflow-wrap: anywhere;
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
    /* The live region that says the steady reading: for screen readers only. */
    .said {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .reading.tentative {
      opacity: 0.5;
    }
    .guidance {
      padding: 0.5rem 0.9rem;
      border-radius: 0.6rem;
      background: rgb(0 0 0 / 0.65);
      color: #f9fafb;
      text-align: center;
    }
    .guidance button {
      margin-left: 0.5rem;
      min-height: 44px;
    }
    footer {
      grid-area: footer;
      display: flex;
      flex-wrap: wrap;
      justify-content: center;
      align-items: flex-start;
      /* Tight enough that Choose a photo, Capture and Share share one row from 360 px wide. */
      gap: 0.5rem;
      padding: 0.75rem calc(0.75rem + env(safe-area-inset-right)) calc(0.75rem + env(safe-area-inset-bottom))
        calc(0.75rem + env(safe-area-inset-left));
    }
    footer button {
      padding-inline: 0.9rem;
    }
    header button {
      padding: 0.35rem 0.9rem;
      font-size: 0.9rem;
      flex: none;
    }
    perf-hud {
      max-width: calc(100% - 1rem);
      box-sizing: border-box;
    }
    /* Phone landscape: the view left, the reading and the actions in a column on the right. */
    @media (orientation: landscape) and (max-height: 600px) {
      :host {
        grid-template:
          'header header' auto
          'status status' auto
          'main reading' auto
          'main footer' minmax(0, 1fr)
          / minmax(0, 1fr) minmax(10rem, 14rem);
      }
      .reading,
      .guidance {
        grid-area: reading;
        margin: 0.75rem 0.75rem 0;
        max-width: calc(100% - 1.5rem);
      }
      .reading {
        font-size: clamp(2rem, 7vw, 3.5rem);
      }
      /* From the bottom up: the reading above grows and shrinks, Capture stays where the thumb is.
         (An auto margin, not justify-content, so a footer taller than the column still scrolls.) */
      footer {
        flex-direction: column;
        flex-wrap: nowrap;
        align-items: stretch;
        overflow-y: auto;
        padding: 0.75rem calc(0.75rem + env(safe-area-inset-right)) calc(0.75rem + env(safe-area-inset-bottom)) 0.75rem;
      }
      footer > :first-child {
        margin-top: auto;
      }
    }
    footer .keep-place {
      visibility: hidden;
    }
    button.shutter {
      background: #ffd84d;
      color: #111;
      font-weight: 700;
    }
  `,
];
