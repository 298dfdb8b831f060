import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.js';
import { fieldStyles } from '../styles/fields.js';
import { screenStyles } from '../styles/screen.js';

/** <history-view>'s styles: the bar, the list of captures, the status line and import progress. */
export const historyViewStyles = [
  buttonStyles,
  screenStyles,
  fieldStyles,
  css`
    :host {
      background: #111827;
      z-index: 5;
    }
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      padding: 0.6rem 0.75rem;
      align-items: center;
    }
    /* Wide enough for "Search by number" beside the room kept for its clear button in any font:
       on a narrow phone it takes a line of its own rather than cut its placeholder. */
    input {
      flex: 1 1 15rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0 0.75rem 1rem;
      overflow-y: auto;
      flex: 1;
    }
    /* Thumbnail and text, then the buttons: they wrap to a line of their own, right-aligned, when
       the row is too narrow for all of them (a phone), instead of pushing past the screen edge. */
    li {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      align-items: center;
      padding: 0.4rem 0;
      border-bottom: 1px solid #1f2937;
    }
    li > div {
      flex: 1 1 8rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    li > button {
      flex: none;
    }
    li > div + button {
      margin-left: auto;
    }
    img {
      flex: none;
      width: 72px;
      height: 54px;
      object-fit: cover;
      border-radius: 0.3rem;
      background: #000;
    }
    .reading {
      font:
        700 1.4rem ui-monospace,
        monospace;
      color: #ffd84d;
    }
    .meta {
      font-size: 0.8rem;
      color: #9ca3af;
    }
    button.danger {
      background: #7f1d1d;
    }
    .message {
      padding: 0.4rem 0.75rem;
      color: #d1fae5;
    }
    .progress {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 0.75rem;
      align-items: center;
    }
    .progress progress {
      flex: 1;
      min-width: 6rem;
    }
    .empty {
      padding: 2rem;
      text-align: center;
      color: #9ca3af;
    }
  `,
];
