import { LitElement, css, html, nothing } from 'lit';
import './capture-review.js';
import { jpegWithin, THUMBNAIL_SIDE } from './capture-image.js';
import { StorageFullError, type CaptureStore, type ImportResult } from './capture-store.js';
import {
  ImportError,
  MAX_IMPORT_BYTES,
  describeRefusals,
  exportZip,
  fromAnnotation,
  imageProblem,
  readZip,
  refusedCount,
  type Refusal,
  type Reviewed,
} from './dataset-zip.js';
import { feedbackStats, type FeedbackStats } from './feedback-stats.js';
import type { CaptureRecord, CorrectionRecord } from './schema.js';
import { buttonStyles } from '../styles/buttons.js';

const PAGE = 30;

/**
 * History: captures newest first with thumbnails, reading and time; search by number; paged
 * from IndexedDB (a cursor per page, so thousands of entries scroll without loading at once);
 * delete one, or all after a confirmation. Works offline: everything is local.
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
    reviewed: { state: true },
    stats: { state: true },
    message: { state: true },
    importing: { state: true },
  };

  declare store: CaptureStore | null;
  declare items: CaptureRecord[];
  declare query: string;
  declare total: number;
  declare confirming: boolean;
  declare done: boolean;
  declare reviewing: { capture: CaptureRecord; correction: CorrectionRecord | null } | null;
  /** Which captures have a correction, and whether it confirmed the prediction. */
  declare reviewed: Map<string, boolean>;
  declare stats: FeedbackStats | null;
  declare message: string;
  /** An import under way: records checked so far, of how many; null when none. */
  declare importing: { done: number; total: number } | null;
  private importAbort: AbortController | null = null;
  private urls = new Map<string, string>();
  private loading = false;
  /**
   * Counts list loads: each new query (or reload) starts a new one, and a page that arrives for an
   * older one is dropped, so typing fast always ends on the latest query's results.
   */
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
    this.reviewed = new Map();
    this.stats = null;
    this.message = '';
    this.importing = null;
  }

  static override styles = [
    buttonStyles,
    css`
      :host {
        position: absolute;
        inset: 0;
        display: flex;
        flex-direction: column;
        background: #111827;
        color: #f9fafb;
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
      .message,
      .stats {
        padding: 0.4rem 0.75rem;
        color: #d1fae5;
      }
      .stats table {
        border-collapse: collapse;
        margin-bottom: 0.4rem;
      }
      .stats td,
      .stats th {
        padding: 0.15rem 0.5rem;
        text-align: left;
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

  override connectedCallback(): void {
    super.connectedCallback();
    // The history may be unusable from this tab (another tab blocks it): say so rather than stay empty.
    this.reload().catch((e: unknown) => (this.message = errorText(e)));
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
    const total = await this.store.count();
    const corrections = await this.store.allCorrections();
    if (generation !== this.generation) return;
    this.total = total;
    this.reviewed = new Map(corrections.map((c) => [c.captureId, c.confirmed]));
    await this.more();
  }

  private async review(c: CaptureRecord): Promise<void> {
    this.reviewing = { capture: c, correction: (await this.store!.getCorrection(c.id)) ?? null };
  }

  private async onSaved(e: CustomEvent<CorrectionRecord>): Promise<void> {
    this.reviewed = new Map(this.reviewed).set(e.detail.captureId, e.detail.confirmed);
    this.reviewing = null;
    this.message = e.detail.confirmed ? 'Confirmed.' : `Correction saved: ${e.detail.reading}.`;
    if (this.stats) await this.showStats();
  }

  async showStats(): Promise<void> {
    if (!this.store) return;
    const all = await this.store.summaries();
    const corrections = new Map((await this.store.allCorrections()).map((c) => [c.captureId, c]));
    this.stats = feedbackStats(all.map((capture) => ({ capture, correction: corrections.get(capture.id) })));
  }

  /** All confirmed and corrected captures as one zip, shared (share sheet) or downloaded. */
  async exportDataset(via: 'share' | 'download' = 'download'): Promise<File | null> {
    if (!this.store) return null;
    const items = await this.store.reviewed();
    if (!items.length) {
      this.message = 'Nothing to export yet: confirm or correct some captures first.';
      return null;
    }
    const { bytes, exported, left } = await exportZip(items);
    const leftOut = left.length ? ` Left out ${refusedCount(left)} damaged: ${describeRefusals(left)}.` : '';
    if (!exported) {
      this.message = `Nothing exported.${leftOut}`;
      return null;
    }
    const name = `digit-lens-corrections-${new Date().toISOString().slice(0, 10)}.zip`;
    const file = new File([bytes as BlobPart], name, { type: 'application/zip' });
    if (via === 'share') {
      try {
        await navigator.share({ files: [file], title: 'Digit Lens corrections' });
        this.message = `Shared ${exported} reviewed capture(s).${leftOut}`;
        return file;
      } catch {
        // dismissed or refused: fall back to a download so nothing is lost
      }
    }
    const a = document.createElement('a');
    a.href = URL.createObjectURL(file);
    a.download = name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    this.message = `Exported ${exported} reviewed capture(s).${leftOut}`;
    return file;
  }

  private get canShareFiles(): boolean {
    try {
      return !!navigator.canShare?.({ files: [new File([], 'x.zip', { type: 'application/zip' })] });
    } catch {
      return false;
    }
  }

  /**
   * Merges an exported zip: new captures are added with their corrections, known ids skipped,
   * invalid records and undecodable or giant images refused and named, and the history's limit
   * respected. The message accounts for every record in the file. While it runs, progress shows
   * with a Cancel button; cancelling stores nothing (everything is written in one transaction, at
   * the end).
   */
  async importDataset(file: Blob): Promise<void> {
    if (!this.store || this.importing) return;
    const abort = new AbortController();
    this.importAbort = abort;
    this.importing = { done: 0, total: 0 };
    try {
      if (file.size > MAX_IMPORT_BYTES)
        throw new ImportError(`That file is too large to import (${Math.round(file.size / 1e6)} MB).`);
      const { records, images, refused } = readZip(new Uint8Array(await file.arrayBuffer()));
      const items: Reviewed[] = [];
      const names = new Map<string, { what: string; at: number }>();
      for (const [i, { name, at, record: r }] of records.entries()) {
        abort.signal.throwIfAborted();
        this.importing = { done: i, total: records.length };
        const bytes = images[r.file];
        // Bounded decode: the header says the size; a giant picture never reaches the decoder.
        const problem = imageProblem(r.file, bytes);
        if (problem) {
          refused.push({ what: name, at, problem });
          continue;
        }
        const image = new Blob([bytes as BlobPart], { type: 'image/jpeg' });
        let bitmap: ImageBitmap;
        try {
          bitmap = await createImageBitmap(image);
        } catch {
          refused.push({ what: name, at, problem: `${r.file} is not an image that can be decoded` });
          continue;
        }
        let thumb: Blob;
        try {
          thumb = (await jpegWithin(bitmap, bitmap.width, bitmap.height, THUMBNAIL_SIDE, 0.7)).blob;
        } finally {
          bitmap.close();
        }
        names.set(r.id, { what: name, at });
        items.push(fromAnnotation(r, image, thumb));
      }
      abort.signal.throwIfAborted();
      this.importing = { done: records.length, total: records.length };
      const result = await this.store.importReviewed(items, abort.signal);
      this.importing = null; // stored: too late to cancel
      refused.push(...result.refused.map(({ id, problem }) => ({ what: `capture ${id}`, ...names.get(id), problem })));
      this.message = importMessage(result, refused);
      await this.reload();
    } catch (e) {
      this.message = abort.signal.aborted
        ? 'Import cancelled: nothing was imported.'
        : e instanceof ImportError || e instanceof StorageFullError
          ? e.message
          : `Import failed: ${errorText(e)}`;
    } finally {
      this.importing = null;
      this.importAbort = null;
    }
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

  private async deleteOne(id: string): Promise<void> {
    await this.store?.delete(id);
    const u = this.urls.get(id);
    if (u) URL.revokeObjectURL(u);
    this.urls.delete(id);
    this.items = this.items.filter((c) => c.id !== id);
    this.total--;
  }

  private async removeAll(): Promise<void> {
    await this.store?.clear();
    this.confirming = false;
    await this.reload();
  }

  override render() {
    return html`
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
        ${this.canShareFiles ? html`<button @click=${() => this.exportDataset('share')} data-testid="history-share">Share</button>` : nothing}
        <button @click=${() => this.exportDataset('download')} data-testid="history-export">Export</button>
        <label class="import"
          ><input
            type="file"
            accept=".zip,application/zip"
            hidden
            ?disabled=${!!this.importing}
            data-testid="history-import"
            @change=${(e: Event) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              (e.target as HTMLInputElement).value = '';
              if (f) void this.importDataset(f);
            }}
          /><span>Import</span></label
        >
        <button @click=${() => (this.stats ? (this.stats = null) : this.showStats())} data-testid="history-stats">Stats</button>
        <button @click=${() => this.dispatchEvent(new CustomEvent('history-close'))} data-testid="history-close">Close</button>
      </div>
      ${
        this.importing
          ? html`<div class="message progress" role="status" data-testid="history-import-progress">
              <span
                >Importing…
                ${this.importing.total ? `${this.importing.done} of ${this.importing.total} checked` : 'reading the file'}</span
              >
              <progress max=${this.importing.total || 1} .value=${this.importing.done}></progress>
              <button @click=${() => this.importAbort?.abort()} data-testid="history-import-cancel">Cancel</button>
            </div>`
          : nothing
      }
      ${this.message ? html`<div class="message" role="status" data-testid="history-message">${this.message}</div>` : nothing}
      ${this.stats ? this.renderStats(this.stats) : nothing}
      ${
        this.items.length === 0
          ? html`<div class="empty" data-testid="history-empty">
              ${this.query ? 'No capture matches.' : 'No captures yet. Tap Capture to keep a reading.'}
            </div>`
          : nothing
      }
      <ul @scroll=${this.onScroll} data-testid="history-list" data-count=${this.items.length}>
        ${this.items.map(
          (c) =>
            html`<li data-testid="history-item">
              <img src=${this.thumb(c)} alt=${`Capture ${c.reading || 'without a number'}`} loading="lazy" />
              <div>
                <div class="reading" data-testid="history-reading">${c.reading || '—'}</div>
                <div class="meta">${new Date(c.time).toLocaleString()} · model ${c.modelVersion} · ${c.backend}</div>
              </div>
              <button @click=${() => this.review(c)} data-testid="history-review">
                ${this.reviewed.has(c.id) ? (this.reviewed.get(c.id) ? 'Confirmed' : 'Corrected') : 'Review'}
              </button>
              <button
                @click=${() => this.deleteOne(c.id)}
                aria-label=${`Delete capture ${c.reading}`}
                data-testid="history-delete"
              >
                Delete
              </button>
            </li>`,
        )}
      </ul>
      ${
        this.reviewing
          ? html`<capture-review
              .capture=${this.reviewing.capture}
              .correction=${this.reviewing.correction}
              .store=${this.store}
              @correction-saved=${this.onSaved}
              @review-close=${() => (this.reviewing = null)}
            ></capture-review>`
          : nothing
      }
    `;
  }

  private renderStats(s: FeedbackStats) {
    const cells: Array<[number, number, number]> = [];
    s.confusion.forEach((row, p) => row.forEach((n, t) => n && p !== t && cells.push([p, t, n])));
    const label = (d: number): string => (d === 10 ? '∅' : String(d));
    return html`<div class="stats" data-testid="history-stats-panel">
      <table>
        <tr>
          <th>Model</th>
          <th>Captures</th>
          <th>Confirmed</th>
          <th>Corrected</th>
        </tr>
        ${s.versions.map(
          (v) =>
            html`<tr data-testid="stats-version">
              <td>${v.version}</td>
              <td>${v.captures}</td>
              <td>${v.confirmed}</td>
              <td data-testid="stats-corrected">${v.corrected}</td>
            </tr>`,
        )}
      </table>
      <div data-testid="stats-confusion">
        ${
          cells.length
            ? cells.map(([p, t, n]) => html`<span class="cell">read ${label(p)} → was ${label(t)}: ${n}</span> `)
            : 'No misread digits recorded.'
        }
      </div>
    </div>`;
  }
}

/** What an import did, every record accounted for: added, already here, over the limit, refused (named). */
export function importMessage(r: ImportResult, refused: readonly Refusal[]): string {
  let m = `Imported ${r.added}, skipped ${r.skipped} already here.`;
  if (r.overLimit)
    m += ` ${r.overLimit} not imported: History keeps at most ${r.limit} captures (change it in Settings, then import again).`;
  const n = refusedCount(refused);
  if (n) m += ` Refused ${n} invalid: ${describeRefusals(refused)}.`;
  return m;
}

/** An error's text for the user; Chromium's DOMExceptions can have an empty message, so fall back to the name. */
function errorText(e: unknown): string {
  if (e instanceof Error || e instanceof DOMException) return e.message || e.name || 'unknown error';
  return String(e) || 'unknown error';
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
