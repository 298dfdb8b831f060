import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/** How long news stays before it clears itself: long enough to read a sentence. */
export const TOAST_MS = 4000;

/**
 * How long a problem stays: long enough to read it twice and act, not so long that it sits over
 * the view while the user has moved on (a bad-photo message stayed 20 s, six readings later).
 */
export const PROBLEM_MS = 10_000;

/** A long message stays long enough to be read through: about 1000 characters a minute. */
const READ_MS_PER_CHAR = 60;

/** News goes after a few seconds; a problem the user may have to act on stays longer. */
export type NoticeKind = 'news' | 'problem';

/**
 * The one line of news over the view: what a capture saved, a copied number, a backend fallback.
 * News clears itself after a few seconds; a problem (storage full, nothing to capture) after a
 * while longer, or sooner when the user dismisses it, another notice replaces it, or the picture
 * it was about changes.
 */
export class NoticeController implements ReactiveController {
  message = '';
  kind: NoticeKind = 'news';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly toastMs = TOAST_MS,
    private readonly problemMs = PROBLEM_MS,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    clearTimeout(this.timer);
  }

  show(message: string, kind: NoticeKind = 'news'): void {
    clearTimeout(this.timer);
    this.message = message;
    this.kind = kind;
    const ms = Math.max(kind === 'news' ? this.toastMs : this.problemMs, message.length * READ_MS_PER_CHAR);
    if (message) this.timer = setTimeout(() => this.clear(), ms);
    this.host.requestUpdate();
  }

  clear(): void {
    this.show('');
  }

  render() {
    if (!this.message) return nothing;
    // A tap anywhere on it dismisses it; the button is there to be seen and reached with Tab. Its ✕
    // is drawn by CSS, so the notice's text is the message alone.
    return html`<div
      class="model notice"
      role=${this.kind === 'problem' ? 'alert' : 'status'}
      data-testid="notice"
      @click=${() => this.clear()}
    >
      <span>${this.message}</span>
      <button class="dismiss" aria-label="Dismiss" title="Dismiss"></button>
    </div>`;
  }
}
