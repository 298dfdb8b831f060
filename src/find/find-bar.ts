import { LitElement, css, html } from 'lit';
import { buttonStyles } from '../styles/buttons.js';
import { fieldStyles } from '../styles/fields.js';
import type { FindController } from './find-controller.js';
import { MAX_WANTED, NOT_A_NUMBER, wantedNumber } from './find-match.js';

/**
 * The Find field on the main screen: type a number, Find (or Enter) looks for it in every frame,
 * Clear stops. Outlined in green while the number is in view.
 *
 * @fires find-set - detail: the number to look for ('' to stop)
 * @fires find-problem - detail: a message for the user (what was typed is not a number)
 */
export class FindBar extends LitElement {
  static override properties = {
    wanted: { type: String },
    found: { type: Boolean, reflect: true },
  };

  declare wanted: string;
  declare found: boolean;

  constructor() {
    super();
    this.wanted = '';
    this.found = false;
  }

  static override styles = [
    buttonStyles,
    fieldStyles,
    css`
      /* A line of its own among the actions (portrait), the column's width beside the view (landscape). */
      :host {
        display: block;
        width: 100%;
        min-width: 0;
      }
      form {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      input {
        flex: 1 1 4rem;
        border-width: 2px;
      }
      :host([found]) input {
        border-color: #4ade80;
      }
      button {
        flex: none;
        padding-inline: 0.8rem;
      }
      button.clear {
        min-width: 44px;
        padding: 0;
      }
      button.clear::before {
        content: '✕';
      }
    `,
  ];

  private get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input')!;
  }

  private submit(e: Event): void {
    e.preventDefault();
    const typed = this.input.value.trim();
    const wanted = typed ? wantedNumber(typed) : '';
    if (wanted === null) {
      this.dispatchEvent(new CustomEvent<string>('find-problem', { detail: NOT_A_NUMBER, bubbles: true, composed: true }));
      return;
    }
    this.input.value = wanted;
    this.set(wanted);
  }

  private clear(): void {
    this.input.value = '';
    this.set('');
  }

  private set(wanted: string): void {
    this.dispatchEvent(new CustomEvent<string>('find-set', { detail: wanted, bubbles: true, composed: true }));
  }

  override render() {
    return html`<form role="search" aria-label="Find a number" @submit=${this.submit}>
      <input
        type="text"
        placeholder="Find a number"
        aria-label="Number to find"
        autocomplete="off"
        autocapitalize="characters"
        enterkeyhint="search"
        maxlength=${MAX_WANTED + 4}
        .value=${this.wanted}
        data-testid="find-input"
      />
      <button type="submit" data-testid="find-go">Find</button>
      ${
        this.wanted
          ? html`<button
              type="button"
              class="clear"
              aria-label="Clear Find"
              title="Clear Find"
              @click=${() => this.clear()}
              data-testid="find-clear"
            ></button>`
          : ''
      }
    </form>`;
  }
}

customElements.define('find-bar', FindBar);

/** The Find field wired to its controller; a typing mistake goes to the app's notice line. */
export function findBar(find: FindController, problem: (message: string) => void) {
  return html`<find-bar
    .wanted=${find.wanted}
    ?found=${!!find.box}
    @find-set=${(e: CustomEvent<string>) => find.set(e.detail)}
    @find-problem=${(e: CustomEvent<string>) => problem(e.detail)}
  ></find-bar>`;
}

declare global {
  interface HTMLElementTagNameMap {
    'find-bar': FindBar;
  }
  interface HTMLElementEventMap {
    'find-set': CustomEvent<string>;
    'find-problem': CustomEvent<string>;
  }
}
