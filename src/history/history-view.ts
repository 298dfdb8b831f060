import { LitElement, css, html, nothing } from 'lit';
import type { CaptureStore } from './capture-store.js';
import type { CaptureRecord } from './schema.js';

const PAGE = 30;

/**
 * History: captures newest first with thumbnails, reading and time; search by number; paged
 * from IndexedDB (a cursor per page, so thousands of entries scroll without loading at once);
 * delete one, or all after a confirmation. Works offline: everything is local.
 */
export class HistoryView extends LitElement {
  static override properties = {
    store: { attribute: false },
    items: { state: true },
    query: { state: true },
    total: { state: true },
    confirming: { state: true },
    done: { state: true },
  };

  store: CaptureStore | null = null;
  items: CaptureRecord[] = [];
  query = '';
  total = 0;
  confirming = false;
  done = false;
  private urls = new Map<string, string>();
  private loading = false;

  static override styles = css`
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
      grid-template-columns: 72px 1fr auto;
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
    button {
      font: inherit;
      border: 0;
      border-radius: 999px;
      padding: 0.4rem 0.9rem;
      min-height: 36px;
      background: #374151;
      color: #f9fafb;
    }
    button.danger {
      background: #7f1d1d;
    }
    .empty {
      padding: 2rem;
      text-align: center;
      color: #9ca3af;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const u of this.urls.values()) URL.revokeObjectURL(u);
    this.urls.clear();
  }

  async reload(): Promise<void> {
    if (!this.store) return;
    this.items = [];
    this.done = false;
    this.total = await this.store.count();
    await this.more();
  }

  private async more(): Promise<void> {
    if (!this.store || this.loading || this.done) return;
    this.loading = true;
    try {
      const next = await this.store.page(this.items.length, PAGE, this.query);
      this.items = [...this.items, ...next];
      this.done = next.length < PAGE;
    } finally {
      this.loading = false;
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
        <button
          @click=${() => this.dispatchEvent(new CustomEvent('close', { bubbles: true, composed: true }))}
          data-testid="history-close"
        >
          Close
        </button>
      </div>
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
    `;
  }
}

customElements.define('history-view', HistoryView);

declare global {
  interface HTMLElementTagNameMap {
    'history-view': HistoryView;
  }
}
