import { css } from 'lit';

/**
 * A panel that covers the whole app as a screen of its own (History, a capture's review,
 * Settings): a column over everything beneath, with its heading and Close at the top (see
 * ScreenController). Components set their own background and stacking order.
 */
export const screenStyles = css`
  :host {
    position: fixed;
    inset: 0;
    display: flex;
    flex-direction: column;
    color: #f9fafb;
  }
  .screen-head {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: calc(0.4rem + env(safe-area-inset-top)) 0.75rem 0.4rem;
  }
  .screen-head h2 {
    flex: 1;
    margin: 0;
    font-size: 1.1rem;
  }
  .screen-head h2:focus {
    outline: none;
  }
  button.close {
    min-width: 44px;
  }
`;
