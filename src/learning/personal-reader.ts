/**
 * The detection worker's use of the personal model: loads the one in use (if it was learned on
 * the running shipped model) once it passes its checks, and relabels each found digit where it
 * is sure enough. Reloads when the page says the choice changed. A failure here never stops the
 * shipped reading: a model that fails its checks, or fails on a frame, is switched off and said.
 */
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { FoundNumber } from '../detector/whole-frame.js';
import { cropGlyphs } from './glyph-crop.js';
import { classifyGlyphs } from './glyph-model.js';
import { checkedPersonalModel } from './personal-check.js';
import { PERSONAL_CHANNEL, PERSONAL_DB, PersonalStore, personalName } from './personal-store.js';
import { readGroup } from '../detector/read.js';
import { readingOf, relabel } from './relabel.js';

export class PersonalReader {
  private model: LayersModel | null = null;
  private threshold = 1;
  private name: string | null = null;
  private id: number | null = null;
  private channel: BroadcastChannel | null = null;
  private loading: Promise<void> = Promise.resolve();

  /** `onDropped`: a personal model was switched off (failed its checks, or failed on a frame). */
  constructor(
    private readonly dbName = PERSONAL_DB,
    private readonly onDropped: (name: string, reason: string) => void = () => undefined,
  ) {}

  /** Loads the personal model in use for `baseVersion`, and follows later changes. */
  start(baseVersion: string): Promise<void> {
    if (!this.channel && typeof BroadcastChannel !== 'undefined') {
      this.channel = new BroadcastChannel(PERSONAL_CHANNEL);
      this.channel.onmessage = () => void this.start(baseVersion);
    }
    this.loading = this.loading.then(() => this.load(baseVersion)).catch(() => this.clear());
    return this.loading;
  }

  private clear(): void {
    this.model?.dispose();
    this.model = null;
    this.name = null;
    this.id = null;
  }

  /** Switches the personal model off for good (the user can delete it in Settings) and says so. */
  private async drop(id: number, name: string, reason: string): Promise<void> {
    if (this.id === id) this.clear();
    this.onDropped(name, reason);
    const store = await PersonalStore.open(this.dbName);
    try {
      await store.setAside(id);
    } finally {
      store.close();
    }
  }

  private async load(baseVersion: string): Promise<void> {
    const store = await PersonalStore.open(this.dbName);
    try {
      const id = await store.active();
      const m = id === null ? undefined : await store.get(id);
      this.clear();
      if (!m || m.baseVersion !== baseVersion) return; // made for another shipped model: not used
      try {
        this.model = await checkedPersonalModel(m);
      } catch (e) {
        await this.drop(m.id, personalName(m), e instanceof Error ? e.message : String(e));
        return;
      }
      this.threshold = m.threshold;
      this.name = personalName(m);
      this.id = m.id;
    } finally {
      store.close();
    }
  }

  /** The version a result is read with: "v3", or "v3 + personal 2". */
  version(shipped: string): string {
    return this.name ?? shipped;
  }

  /** The numbers, each digit relabelled where the personal model is sure enough. */
  apply(frame: ImageBitmap, numbers: FoundNumber[]): FoundNumber[] {
    const { model, id, name } = this;
    if (!model || id === null || name === null) return numbers;
    try {
      return this.relabelled(model, frame, numbers);
    } catch (e) {
      // This frame reads with the shipped model alone, and so do the next ones.
      void this.drop(id, name, e instanceof Error ? e.message : String(e)).catch(() => undefined);
      return numbers;
    }
  }

  private relabelled(model: LayersModel, frame: ImageBitmap, numbers: FoundNumber[]): FoundNumber[] {
    return numbers.map((n) => {
      const boxes = readGroup(relabel(n.boxes, classifyGlyphs(model, cropGlyphs(frame, n.boxes)), this.threshold));
      const reading = readingOf(boxes);
      // Nothing relabelled: the line reader's text (letters too) stands. Otherwise the user's own
      // model, learned from their corrections, has the last word on those digits.
      if (reading === readingOf(readGroup(n.boxes))) return n;
      return { ...n, boxes, reading, text: undefined };
    });
  }
}
