import { css } from 'lit';

/**
 * A panel that covers the whole app as a screen of its own (History, a capture's review): a
 * column over everything beneath. Components set their own background and stacking order.
 */
export const screenStyles = css`
  :host {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    color: #f9fafb;
  }
`;
