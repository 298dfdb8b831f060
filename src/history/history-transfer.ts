import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { NoticeKind } from '../app/notice-controller.js';
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
  type Entry,
  type Refusal,
} from './dataset-zip.js';

/** What History gives the transfer: its store, where messages go, and how to reload the list. */
export interface TransferHost {
  readonly store: CaptureStore | null;
  /** The one status line under the bar; a problem stays longer than news. */
  say(message: string, kind?: NoticeKind): void;
  /** Loads the list again after an import added captures. */
  reload(): Promise<void>;
}

/**
 * History's import and export: every capture out as a zip (shared or downloaded), and
 * an exported zip merged back in, every image checked, with progress and a Cancel button while
 * it runs. Renders its buttons and progress into the host's bar.
 */
export class HistoryTransferController implements ReactiveController {
  /** An import under way: records checked so far, of how many; null when none. */
  importing: { done: number; total: number } | null = null;
  private abort: AbortController | null = null;

  constructor(private readonly host: ReactiveControllerHost & TransferHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  private setImporting(importing: { done: number; total: number } | null): void {
    this.importing = importing;
    this.host.requestUpdate();
  }

  /**
   * Every capture as one zip, shared (share sheet) or downloaded: a backup of the whole history,
   * the reviewed ones marked as such (the training pipeline reads only those).
   */
  async exportDataset(via: 'share' | 'download' = 'download'): Promise<File | null> {
    const store = this.host.store;
    if (!store) return null;
    const items = await store.entries();
    if (!items.length) {
      this.host.say('Nothing to export yet: History is empty.');
      return null;
    }
    const { bytes, exported, reviewed, left } = await exportZip(items);
    const leftOut = left.length ? ` Left out ${refusedCount(left)} damaged: ${describeRefusals(left)}.` : '';
    if (!exported) {
      this.host.say(`Nothing exported.${leftOut}`);
      return null;
    }
    const what = `${exported} capture${exported === 1 ? '' : 's'} (${reviewed} reviewed).${leftOut}`;
    const name = `digit-lens-history-${new Date().toISOString().slice(0, 10)}.zip`;
    const file = new File([bytes as BlobPart], name, { type: 'application/zip' });
    if (via === 'share') {
      try {
        await navigator.share({ files: [file], title: 'Digit Lens history' });
        this.host.say(`Shared ${what}`);
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
    this.host.say(`Exported ${what}`);
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
    const store = this.host.store;
    if (!store || this.importing) return;
    const abort = new AbortController();
    this.abort = abort;
    this.host.say(''); // the progress is the message while it runs
    this.setImporting({ done: 0, total: 0 });
    try {
      if (file.size > MAX_IMPORT_BYTES)
        throw new ImportError(`That file is too large to import (${Math.round(file.size / 1e6)} MB).`);
      const { records, images, refused } = readZip(new Uint8Array(await file.arrayBuffer()));
      const items: Entry[] = [];
      const names = new Map<string, { what: string; at: number }>();
      for (const [i, { name, at, record: r }] of records.entries()) {
        abort.signal.throwIfAborted();
        this.setImporting({ done: i, total: records.length });
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
      this.setImporting({ done: records.length, total: records.length });
      const result = await store.importEntries(items, abort.signal);
      this.setImporting(null); // stored: too late to cancel
      refused.push(...result.refused.map(({ id, problem }) => ({ what: `capture ${id}`, ...names.get(id), problem })));
      this.host.say(importMessage(result, refused));
      await this.host.reload();
    } catch (e) {
      this.host.say(
        abort.signal.aborted
          ? 'Import cancelled: nothing was imported.'
          : e instanceof ImportError || e instanceof StorageFullError
            ? e.message
            : `Import failed: ${errorText(e)}`,
        'problem',
      );
    } finally {
      this.abort = null;
      this.setImporting(null);
    }
  }

  /** Share (where files can be shared), Export and Import, for the host's bar. */
  renderButtons() {
    return html`${
        this.canShareFiles
          ? html`<button @click=${() => this.exportDataset('share')} data-testid="history-share">Share</button>`
          : nothing
      }
      <button @click=${() => this.exportDataset('download')} data-testid="history-export">Export</button>
      <input
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
      />
      <!-- A real button (not a label over the input): reached with Tab, opened with Enter or Space. -->
      <button
        ?disabled=${!!this.importing}
        @click=${(e: Event) => ((e.currentTarget as HTMLElement).previousElementSibling as HTMLInputElement).click()}
      >
        Import
      </button>`;
  }

  /** The import's progress with its Cancel button; nothing when no import runs. */
  renderProgress() {
    if (!this.importing) return nothing;
    const { done, total } = this.importing;
    return html`<div class="message progress" role="status" data-testid="history-import-progress">
      <span>Importing… ${total ? `${done} of ${total} checked` : 'reading the file'}</span>
      <progress max=${total || 1} .value=${done}></progress>
      <button @click=${() => this.abort?.abort()} data-testid="history-import-cancel">Cancel</button>
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
export function errorText(e: unknown): string {
  if (e instanceof Error || e instanceof DOMException) return e.message || e.name || 'unknown error';
  return String(e) || 'unknown error';
}
