import { LitElement, html, nothing } from 'lit';
import { actOnReading, canShare, shareReading } from '../app/reading-actions.js';
import { NoticeController, type NoticeKind } from '../app/notice-controller.js';
import { ScreenController } from '../app/screen-controller.js';
import { MIN_GLYPHS } from '../learning/learning-controller.js';
import './capture-review.js';
import './history-stats.js';
import type { CaptureStore } from './capture-store.js';
import { feedbackStats, type FeedbackStats } from './feedback-stats.js';
import { HistoryTransferController, errorText } from './history-transfer.js';
import { historyViewStyles } from './history-view-styles.js';
import { historyRow, historyRowStyles, type RowActions } from './history-row.js';
import type { CaptureRecord, CorrectionRecord } from './schema.js';
import { UndoDeleteController } from './undo-delete.js';

export { importMessage } from './history-transfer.js';

const PAGE = 30;

/**
 * History: captures newest first with thumbnails, the number (as corrected) and time; search by
 * any part of a number; paged from IndexedDB (a cursor per page, so thousands of entries scroll
 * without loading at once); delete one (with Undo), or all after a confirmation. Works offline:
 * everything is local.
 *
 * @fires history-close - the user closed History
 */
export class HistoryView extends LitElement {
  static override properties = {
    store: { attribute: false },
    items: { state: true },
    query: { state: true },
    total: { state: true },
    confirming: { state: true },
    done: { state: true },
    reviewing: { state: true },
    corrections: { state: true },
    stats: { state: true },
  };

  declare store: CaptureStore | null;
  declare items: CaptureRecord[];
  declare query: string;
  declare total: number;
  declare confirming: boolean;
  declare done: boolean;
  declare reviewing: { capture: CaptureRecord; correction: CorrectionRecord | null; learnable: boolean } | null;
  /** The captures' corrections (and confirmations), by capture id: rows show the corrected number. */
  declare corrections: Map<string, CorrectionRecord>;
  declare stats: FeedbackStats | null;
  /** Import and export: the zip buttons, the import's progress and its Cancel. */
  private readonly transfer = new HistoryTransferController(this);
  /** A single delete's Undo offer. */
  private readonly undo = new UndoDeleteController(this);
  /** The status line: news goes after a few seconds, a problem after a while (as over the view). */
  private readonly note = new NoticeController(this);
  /** A screen of its own: Close, Escape, focus in and back, the app beneath inert. */
  private readonly screen = new ScreenController(this, {
    title: 'History',
    closeId: 'history-close',
    close: () => this.dispatchEvent(new CustomEvent('history-close')),
  });
  private urls = new Map<string, string>();
  /** The captures counted when the list was loaded: Delete all deletes these (one saved since, elsewhere, stays). */
  private shownIds: string[] = [];
  private loading = false;
  /** Counts list loads: a page that arrives for an older one is dropped (typing fast ends on the latest query). */
  private generation = 0;

  constructor() {
    super();
    this.store = null;
    this.items = [];
    this.query = '';
    this.total = 0;
    this.confirming = false;
    this.done = false;
    this.reviewing = null;
    this.corrections = new Map();
    this.stats = null;
  }

  /** An import under way: records checked so far, of how many; null when none. */
  get importing(): { done: number; total: number } | null {
    return this.transfer.importing;
  }

  /**
   * The status line under the bar (the transfer's messages go here too). One message at a time: a
   * new one replaces the last; a delete's Undo offer stays beside it until it runs out.
   */
  say(message: string, kind: NoticeKind = 'news'): void {
    this.note.show(message, kind);
  }

  /** What the status line says now ('' once it has cleared itself). */
  get message(): string {
    return this.note.message;
  }

  /** How long a delete's Undo offer stays, in ms. */
  get undoMs(): number {
    return this.undo.ms;
  }
  set undoMs(ms: number) {
    this.undo.ms = ms;
  }

  static override styles = [...historyViewStyles, historyRowStyles];

  override connectedCallback(): void {
    super.connectedCallback();
    // The history may be unusable from this tab (another tab blocks it): say so rather than stay empty.
    this.reload().catch((e: unknown) => this.say(errorText(e), 'problem'));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of this.urls.values()) URL.revokeObjectURL(u);
    this.urls.clear();
  }

  /** Loads the list again from the first page, for the current query; supersedes any load in flight. */
  async reload(): Promise<void> {
    if (!this.store) return;
    const generation = ++this.generation;
    this.items = [];
    this.done = false;
    this.loading = false; // a page still loading belongs to an older load: it will be dropped
    const ids = await this.store.ids();
    const corrections = await this.store.allCorrections();
    if (generation !== this.generation) return;
    this.shownIds = ids;
    this.total = ids.length;
    this.corrections = new Map(corrections.map((c) => [c.captureId, c]));
    await this.more();
  }

  private async review(c: CaptureRecord): Promise<void> {
    const store = this.store!;
    const [correction, all] = await Promise.all([store.getCorrection(c.id), store.allCorrections()]);
    // The same count Settings uses before it offers learning.
    const learnable = all.reduce((n, k) => n + k.boxes.length, 0) >= MIN_GLYPHS;
    this.reviewing = { capture: c, correction: correction ?? null, learnable };
  }

  private async onSaved(e: CustomEvent<CorrectionRecord>): Promise<void> {
    this.corrections = new Map(this.corrections).set(e.detail.captureId, e.detail);
    this.reviewing = null;
    this.say(e.detail.confirmed ? 'Confirmed.' : `Correction saved: ${e.detail.reading}.`);
    if (this.stats) await this.showStats();
  }

  async showStats(): Promise<void> {
    if (!this.store) return;
    const all = await this.store.summaries();
    const corrections = new Map((await this.store.allCorrections()).map((c) => [c.captureId, c]));
    this.stats = feedbackStats(all.map((capture) => ({ capture, correction: corrections.get(capture.id) })));
  }

  /** Every capture (the reviewed ones marked) as one zip, shared (share sheet) or downloaded. */
  exportDataset(via: 'share' | 'download' = 'download'): Promise<File | null> {
    return this.transfer.exportDataset(via);
  }

  /** Merges an exported zip, with progress and Cancel while it runs (see HistoryTransferController). */
  importDataset(file: Blob): Promise<void> {
    return this.transfer.importDataset(file);
  }

  private async more(): Promise<void> {
    if (!this.store || this.loading || this.done) return;
    const generation = this.generation;
    this.loading = true;
    try {
      const next = await this.store.page(this.items.length, PAGE, this.query);
      if (generation !== this.generation) return; // a newer query has started: this page is not its
      this.items = [...this.items, ...next];
      this.done = next.length < PAGE;
    } finally {
      if (generation === this.generation) this.loading = false;
    }
  }

  private thumb(c: CaptureRecord): string {
    let u = this.urls.get(c.id);
    if (!u) {
      u = URL.createObjectURL(c.thumbnail);
      this.urls.set(c.id, u);
    }
    return u;
  }

  private onScroll(e: Event): void {
    const el = e.target as HTMLElement;
    if (el.scrollTop + el.clientHeight > el.scrollHeight - 400) void this.more();
  }

  /** Deletes one capture at once, with an Undo offer for a few seconds. */
  private async deleteOne(c: CaptureRecord, shown: string): Promise<void> {
    await this.undo.remove(c, shown);
    this.note.clear(); // the Undo offer is the message now
    const u = this.urls.get(c.id);
    if (u) URL.revokeObjectURL(u);
    this.urls.delete(c.id);
    this.items = this.items.filter((o) => o.id !== c.id);
    this.shownIds = this.shownIds.filter((id) => id !== c.id);
    this.total--;
  }

  private readonly rowActions: RowActions = {
    thumb: (c) => this.thumb(c),
    // Copies the number (share sheet where copying is not allowed), as the live reading does.
    copy: (reading) => void actOnReading(reading).then((m) => this.say(m)),
    ...(canShare() ? { share: (reading: string) => void shareReading(reading).then((m) => m && this.say(m)) } : {}),
    review: (c) => void this.review(c),
    remove: (c, shown) => void this.deleteOne(c, shown),
  };

  private async removeAll(): Promise<void> {
    this.confirming = false;
    this.note.clear(); // the Undo offer, with the real count, is the message now
    await this.undo.removeAll(this.shownIds);
    await this.reload();
  }

  override render() {
    return html`
      ${this.screen.renderHead()}
      <div class="bar">
        <input
          type="search"
          inputmode="numeric"
          placeholder="Search by number"
          aria-label="Search by number"
          data-testid="history-search"
          .value=${this.query}
          @input=${(e: Event) => {
            this.query = (e.target as HTMLInputElement).value.trim();
            void this.reload();
          }}
        />
        ${
          this.confirming
            ? html`<button class="danger" @click=${this.removeAll} data-testid="history-delete-all-confirm">
                  Delete ${this.total}
                </button>
                <button @click=${() => (this.confirming = false)}>Cancel</button>`
            : html`<button
                @click=${() => (this.confirming = true)}
                ?disabled=${this.total === 0}
                data-testid="history-delete-all"
              >
                Delete all
              </button>`
        }
        ${this.transfer.renderButtons()}
        <button @click=${() => (this.stats ? (this.stats = null) : this.showStats())} data-testid="history-stats">Stats</button>
      </div>
      ${this.transfer.renderProgress()} ${this.undo.render()}
      ${this.message ? html`<div class="message" role="status" data-testid="history-message">${this.message}</div>` : nothing}
      ${this.stats ? html`<history-stats .stats=${this.stats}></history-stats>` : nothing}
      ${
        this.items.length === 0
          ? html`<div class="empty" data-testid="history-empty">
              ${this.query ? 'No capture matches.' : 'No captures yet. Tap Capture to keep a reading.'}
            </div>`
          : nothing
      }
      <ul @scroll=${this.onScroll} data-testid="history-list" data-count=${this.items.length}>
        ${this.items.map((c) => historyRow(c, this.corrections.get(c.id), this.rowActions))}
      </ul>
      ${
        this.reviewing
          ? html`<capture-review
              .capture=${this.reviewing.capture}
              .correction=${this.reviewing.correction}
              ?learnable=${this.reviewing.learnable}
              .store=${this.store}
              @correction-saved=${this.onSaved}
              @review-close=${() => (this.reviewing = null)}
            ></capture-review>`
          : nothing
      }
    `;
  }
}

customElements.define('history-view', HistoryView);

declare global {
  interface HTMLElementTagNameMap {
    'history-view': HistoryView;
  }
  interface HTMLElementEventMap {
    /** Not bubbling: the one who opened History listens on it. */
    'history-close': CustomEvent<void>;
  }
}
