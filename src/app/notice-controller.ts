import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long a toast stays before it clears itself. */
export const TOAST_MS = 2500;

/**
 * The one line of news under the view: what a capture saved, why detection failed, a backend
 * fallback. A notice stays until tapped or replaced; a toast also clears itself.
 */
export class NoticeController implements ReactiveController {
  message = '';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly toastMs = TOAST_MS,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  show(message: string): void {
    this.message = message;
    this.host.requestUpdate();
  }

  /** A notice that clears itself, unless another one replaced it meanwhile. */
  toast(message: string): void {
    this.show(message);
    setTimeout(() => {
      if (this.message === message) this.clear();
    }, this.toastMs);
  }

  clear(): void {
    this.show('');
  }
}
