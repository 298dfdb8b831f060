import { css } from 'lit';

/**
 * The messages over the bottom of the view, stacked so none covers another: the HUD, then the
 * model's state or the current notice, then the app's own news (offline ready, new version).
 */
export const dockStyles = css`
  .dock {
    position: absolute;
    left: 1rem;
    right: 1rem;
    bottom: 1rem;
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    pointer-events: none;
  }
  .dock > * {
    pointer-events: auto;
  }
  .dock > perf-hud {
    align-self: flex-start;
    pointer-events: none;
  }
  /* Its toasts let taps through to the view; their buttons take them (pwa-status). */
  .dock > pwa-status {
    pointer-events: none;
  }
  .model {
    background: rgb(0 0 0 / 0.7);
    color: #f9fafb;
    padding: 0.6rem 0.8rem;
    border-radius: 0.6rem;
  }
  .notice {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding-block: 0.2rem;
    cursor: pointer;
  }
  .notice span {
    flex: 1;
  }
  button.dismiss {
    min-width: 44px;
    padding: 0;
    background: transparent;
    color: #d1d5db;
  }
  button.dismiss::before {
    content: '✕';
  }
  progress {
    width: 100%;
  }
`;
