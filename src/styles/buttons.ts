import { css } from 'lit';

/**
 * The one pill button every component uses (shadow DOM keeps page CSS out, so each component
 * adopts this sheet). 44 px high: a thumb-sized target on a phone held in one hand.
 * Components recolour with their own `button { background; color }` rule after this one.
 */
export const buttonStyles = css`
  button {
    font: inherit;
    border: 0;
    border-radius: 999px;
    padding: 0.6rem 1.2rem;
    min-height: 44px;
    background: #374151;
    color: #f9fafb;
    cursor: pointer;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  button:focus-visible {
    outline: 3px solid #ffd84d;
    outline-offset: 2px;
  }
`;
