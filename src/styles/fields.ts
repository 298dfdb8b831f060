import { css } from 'lit';

/**
 * The one text field the app's bars use (History's search, Find): 44 px high like the buttons,
 * dark, in the page's font. Components set how it flexes with their own `input` rule after this one.
 */
export const fieldStyles = css`
  input {
    min-width: 0;
    min-height: 44px;
    box-sizing: border-box;
    font: inherit;
    padding: 0.5rem 0.7rem;
    border-radius: 0.5rem;
    border: 1px solid #374151;
    background: #1f2937;
    color: inherit;
  }
`;
