import { html, type ReactiveController, type ReactiveElement } from 'lit';

export interface ScreenOptions {
  /** The screen's heading, and its accessible name. */
  title: string;
  /** data-testid of the Close button (outside checks use the panels' own names). */
  closeId: string;
  /** Closes the screen (the one who opened it removes it). */
  close(): void;
}

/** The screens open now, bottom to top: Escape closes only the top one. */
const open: ScreenController[] = [];

function onKeydown(e: KeyboardEvent): void {
  if (e.key !== 'Escape' || e.defaultPrevented || e.isComposing) return;
  const top = open.at(-1);
  if (!top) return;
  e.preventDefault();
  top.close();
}

/** The focused element, looking into shadow roots. */
function deepActiveElement(): HTMLElement | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a instanceof HTMLElement ? a : null;
}

/**
 * Makes a panel a screen of its own (History, a capture's review, Settings): a dialog named by its
 * heading; focus goes to the heading when it opens and back to what opened it when it closes;
 * Escape closes the top-most screen; and everything outside it is inert, so Tab and taps never
 * reach controls hidden beneath it.
 */
export class ScreenController implements ReactiveController {
  private opener: HTMLElement | null = null;
  /** What this screen made inert (what was inert already stays so when it closes). */
  private inerted: HTMLElement[] = [];

  constructor(
    private readonly host: ReactiveElement,
    private readonly options: ScreenOptions,
  ) {
    host.addController(this);
  }

  close(): void {
    this.options.close();
  }

  hostConnected(): void {
    this.opener = deepActiveElement();
    const h = this.host;
    h.setAttribute('role', 'dialog');
    h.setAttribute('aria-modal', 'true');
    h.setAttribute('aria-label', this.options.title);
    if (open.push(this) === 1) document.addEventListener('keydown', onKeydown);
    this.inertOutside();
    void h.updateComplete.then(() => h.renderRoot.querySelector<HTMLElement>('h2[tabindex]')?.focus());
  }

  hostDisconnected(): void {
    open.splice(open.indexOf(this), 1);
    if (open.length === 0) document.removeEventListener('keydown', onKeydown);
    for (const el of this.inerted) el.inert = false;
    this.inerted = [];
    const opener = this.opener;
    // After the render that removed this screen has finished (the opener may still be inert in it).
    queueMicrotask(() => {
      if (opener?.isConnected) opener.focus();
    });
  }

  /** Every element beside the screen, and beside each of its ancestors up to the body, becomes inert. */
  private inertOutside(): void {
    let node: Element = this.host;
    while (node !== document.body) {
      const parent: Element | null = node.parentElement ?? ((node.getRootNode() as Partial<ShadowRoot>).host || null);
      const siblings = node.parentNode ? [...node.parentNode.children] : [];
      for (const el of siblings) {
        if (el !== node && el instanceof HTMLElement && !el.inert) {
          el.inert = true;
          this.inerted.push(el);
        }
      }
      if (!parent) break;
      node = parent;
    }
  }

  /** The screen's top bar: its heading (where the focus goes) and a Close button. */
  renderHead(extra: unknown = null) {
    return html`<div class="screen-head">
      <h2 tabindex="-1">${this.options.title}</h2>
      ${extra}
      <button class="close" @click=${() => this.close()} data-testid=${this.options.closeId}>Close</button>
    </div>`;
  }
}
