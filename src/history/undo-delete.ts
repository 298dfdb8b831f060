import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { CaptureStore } from './capture-store.js';
import type { Entry } from './dataset-zip.js';
import type { CaptureRecord } from './schema.js';

/** What the Undo needs of History: its store, its status line, and a way to list the capture again. */
export interface UndoHost {
  readonly store: CaptureStore | null;
  say(message: string): void;
  reload(): Promise<void>;
}

/**
 * A single delete can be taken back for a few seconds: the capture is deleted at once, but kept
 * here, whole (image and correction), while an Undo offer shows; Undo puts it back as it was.
 * A newer delete replaces the offer (the older delete then stands).
 */
export class UndoDeleteController implements ReactiveController {
  /** How long the offer stays, in ms. */
  ms = 8000;
  private pending: { entry: Entry; shown: string } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly host: ReactiveControllerHost & UndoHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.dismiss();
  }

  /** Deletes a capture and offers to undo it; `shown` is the number its row showed. */
  async remove(capture: CaptureRecord, shown: string): Promise<void> {
    const store = this.host.store;
    if (!store) return;
    const correction = (await store.getCorrection(capture.id)) ?? null;
    await store.delete(capture.id);
    this.dismiss();
    this.pending = { entry: { capture, correction }, shown };
    this.timer = setTimeout(() => this.dismiss(), this.ms);
    this.host.requestUpdate();
  }

  /** Takes the offer away; what was deleted stays deleted. */
  dismiss(): void {
    clearTimeout(this.timer);
    if (!this.pending) return;
    this.pending = null;
    this.host.requestUpdate();
  }

  private async undo(): Promise<void> {
    const p = this.pending;
    const store = this.host.store;
    this.dismiss();
    if (!p || !store) return;
    try {
      await store.restore(p.entry);
      this.host.say(`Restored ${p.shown || 'the capture'}.`);
    } catch (e) {
      this.host.say(`Could not restore it: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.host.reload();
  }

  render() {
    if (!this.pending) return nothing;
    const { shown } = this.pending;
    return html`<div class="undo" role="status" data-testid="history-undo">
      <span>Deleted ${shown || 'a capture without a number'}.</span>
      <button @click=${() => this.undo()} data-testid="history-undo-button">Undo</button>
    </div>`;
  }
}
