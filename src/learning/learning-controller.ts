/**
 * Learning from the user's corrections, for the Settings panel: how many reviewed glyphs there
 * are, the run (progress, cancel), what it measured, whether the model was kept, and the personal
 * models stored (use, switch back, delete). A run cut short by a reload is noticed and said.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CaptureStore } from '../history/capture-store.js';
import { LearningCancelled, LearningRun } from './learning-client.js';
import type { LearnResult, ReviewedCapture, Stage } from './protocol.js';
import {
  PERSONAL_DB,
  PersonalStorageFullError,
  PersonalStore,
  announcePersonalChange,
  personalName,
  type PersonalSummary,
} from './personal-store.js';
import { REPLAY_URL, loadReplaySet } from './replay-set.js';

/** Reviewed digits needed before learning is offered. */
export const MIN_GLYPHS = 20;

export interface LearningConfig {
  personalDb?: string;
  replayUrl?: string;
  epochs?: number;
  /** See LearnOptions.seed (the worker's default when not given). */
  seed?: number;
}

export class LearningController implements ReactiveController {
  glyphs = 0;
  models: PersonalSummary[] = [];
  active: number | null = null;
  /** The personal model the detector switched off (it failed its checks), or null. */
  dropped: number | null = null;
  /** The run in progress, with where it is. */
  stage: Stage | null = null;
  progress = 0;
  message = '';
  /** The figures of the last run, kept or not. */
  last: LearnResult | null = null;
  private run: LearningRun | null = null;
  private personal: Promise<PersonalStore> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly config: () => LearningConfig = () => ({}),
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.run?.cancel();
    void this.personal?.then((p) => p.close());
    this.personal = null;
  }

  get learning(): boolean {
    return this.run !== null;
  }

  private set(
    changes: Partial<
      Pick<LearningController, 'glyphs' | 'models' | 'active' | 'dropped' | 'stage' | 'progress' | 'message' | 'last'>
    >,
  ): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }

  private store(): Promise<PersonalStore> {
    this.personal ??= PersonalStore.open(this.config().personalDb ?? PERSONAL_DB);
    return this.personal;
  }

  /** Reads what there is to show: reviewed glyphs, stored models, and a run a reload cut short. */
  async refresh(history: CaptureStore | null): Promise<void> {
    const p = await this.store();
    const glyphs = history ? (await history.allCorrections()).reduce((n, c) => n + c.boxes.length, 0) : 0;
    const [models, active, dropped, job] = await Promise.all([p.list(), p.active(), p.dropped(), p.job()]);
    this.set({ glyphs, models, active, dropped });
    if (job && !this.run) {
      await p.setJob(false);
      this.set({ message: 'Learning stopped when the page was reloaded. Nothing was kept: start it again when you like.' });
    }
  }

  /** Learns a personal model on top of `baseVersion`; keeps it only if it reads the held-back captures better. */
  async learn(history: CaptureStore, baseVersion: string): Promise<void> {
    if (this.run) return;
    const p = await this.store();
    const cfg = this.config();
    this.set({ stage: 'preparing', progress: 0, message: '', last: null });
    let run: LearningRun | null = null;
    try {
      await p.setJob(true);
      const captures: ReviewedCapture[] = (await history.reviewed()).map(({ capture, correction }) => ({
        id: capture.id,
        image: capture.image,
        predictions: capture.predictions,
        truth: correction.reading,
        boxes: correction.boxes.map(({ digit, x, y, w, h }) => ({ digit, x, y, w, h })),
      }));
      const replay = await loadReplaySet(cfg.replayUrl ?? REPLAY_URL);
      // Offline before any online run: learning goes on with the user's captures only, and says so.
      const alone =
        replay === null
          ? ' Learned without the built-in examples (no network): learn again once online, so other digit styles are not forgotten.'
          : '';
      run = new LearningRun(captures, replay, (stage, progress) => this.set({ stage, progress }), {
        epochs: cfg.epochs,
        seed: cfg.seed,
      });
      this.run = run;
      const result = await run.result;
      this.set({ last: result });
      if (result.personalCorrect > result.shippedCorrect) {
        const m = await p.add(result, baseVersion);
        announcePersonalChange();
        this.set({
          message: `${personalName(m)} is now in use: it read ${figure(result.personalCorrect, result.heldOut)} of the held-back captures right, the shipped model ${figure(result.shippedCorrect, result.heldOut)}.${alone}`,
        });
      } else {
        this.set({
          message: `Not kept: on the held-back captures it read ${figure(result.personalCorrect, result.heldOut)} right, no better than the shipped model (${figure(result.shippedCorrect, result.heldOut)}). Review more captures and try again.${alone}`,
        });
      }
    } catch (e) {
      this.set({
        message:
          e instanceof LearningCancelled
            ? 'Learning cancelled. Nothing was kept.'
            : e instanceof PersonalStorageFullError
              ? e.message
              : `Learning failed: ${e instanceof Error ? e.message : String(e)}`,
      });
    } finally {
      if (this.run === run) this.run = null;
      await p.setJob(false).catch(() => undefined);
      this.set({ stage: null });
      await this.refresh(history).catch(() => undefined);
    }
  }

  cancel(): void {
    this.run?.cancel();
  }

  /** Reads with this personal model, or with the shipped model alone (null). */
  async use(id: number | null): Promise<void> {
    const p = await this.store();
    await p.setActive(id);
    announcePersonalChange();
    this.set({ active: await p.active(), dropped: await p.dropped() });
  }

  async delete(id: number): Promise<void> {
    const p = await this.store();
    await p.delete(id);
    announcePersonalChange();
    this.set({ models: await p.list(), active: await p.active(), dropped: await p.dropped() });
  }
}

/** "8 of 10 (80%)". */
export const figure = (right: number, of: number): string =>
  `${right} of ${of}${of ? ` (${Math.round((100 * right) / of)}%)` : ''}`;
