import { css } from 'lit';
import { buttonStyles } from '../styles/buttons.js';
import { screenStyles } from '../styles/screen.js';

/** <history-view>'s styles: the bar, the list of captures, the status line and import progress. */
export const historyViewStyles = [
  buttonStyles,
  screenStyles,
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
    input {
      flex: 1;
      font: inherit;
      padding: 0.5rem 0.7rem;
      border-radius: 0.5rem;
      border: 1px solid #374151;
      background: #1f2937;
      color: inherit;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0 0.75rem 1rem;
      overflow-y: auto;
      flex: 1;
    }
    li {
      display: grid;
      grid-template-columns: 72px 1fr auto auto;
      gap: 0.75rem;
      align-items: center;
      padding: 0.4rem 0;
      border-bottom: 1px solid #1f2937;
    }
    img {
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
    label.import span {
      display: inline-block;
      border-radius: 999px;
      padding: 0.4rem 0.9rem;
      background: #374151;
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
