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
 * A delete (one capture, or all those shown) can be taken back for a few seconds: the captures
 * are deleted at once, but kept here, whole (image and correction), while an Undo offer shows;
 * Undo puts them back as they were. A newer delete replaces the offer (the older delete then stands).
 */
export class UndoDeleteController implements ReactiveController {
  /** How long the offer stays, in ms. */
  ms = 8000;
  private pending: { entries: Entry[]; said: string; restored: string } | null = null;
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
    this.offer(
      [{ capture, correction }],
      `Deleted ${shown || 'a capture without a number'}.`,
      `Restored ${shown || 'the capture'}.`,
    );
  }

  /** Deletes the captures with these ids (those History showed) and offers to undo it; returns how many there were. */
  async removeAll(ids: string[]): Promise<number> {
    const store = this.host.store;
    if (!store) return 0;
    const entries = await store.deleteMany(ids);
    const n = entries.length;
    const captures = n === 1 ? '1 capture' : `${n} captures`;
    this.offer(entries, `Deleted ${n === 1 ? captures : `all ${captures}`}.`, `Restored ${captures}.`);
    return n;
  }

  private offer(entries: Entry[], said: string, restored: string): void {
    this.dismiss();
    this.pending = { entries, said, restored };
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
      await store.restore(p.entries);
      this.host.say(p.restored);
    } catch (e) {
      this.host.say(`Could not restore it: ${e instanceof Error ? e.message : String(e)}`);
    }
    await this.host.reload();
  }

  render() {
    if (!this.pending) return nothing;
    return html`<div class="undo" role="status" data-testid="history-undo">
      <span>${this.pending.said}</span>
      <button @click=${() => this.undo()} data-testid="history-undo-button">Undo</button>
    </div>`;
  }
}
