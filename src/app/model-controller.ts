import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ModelManifest } from '../detector/model-format.js';
import { DetectorClient, DetectorError } from '../inference/page/detector-client.js';
import type { ReadyInfo } from '../inference/shared/protocol.js';
import { ModelUnavailableError, fetchNewModel, rememberSwitch, repairModel, startupManifest } from '../offline/model-updates.js';
import { keepForOffline } from '../offline/keep-files.js';
import { modelCacheName } from '../offline/model-cache.js';
import { engineInWords } from './engine-words.js';
import { MODEL_MESSAGES } from './model-messages.js';
import { PERSONAL_DROPPED } from '../learning/personal-store.js';
import type { urlOptions } from './url-options.js';

export type ModelState = 'loading' | 'ready' | 'damaged' | 'unavailable' | 'failed';

export interface ModelEvents {
  /** The model is loaded and the detector ready: (re)start detection. */
  ready(): void;
  /** A model version is about to replace the running one: stop detecting. */
  switching(): void;
  /** Something the user should know (a backend fallback, a restarted worker). */
  notice(message: string): void;
}

/**
 * The digit model and the worker running it: loads the shipped version, repairs a damaged cached
 * copy from the network, retries when the network comes back, and offers (then switches to, in
 * place) a newer version downloaded in the background.
 */
export class ModelController implements ReactiveController {
  state: ModelState = 'loading';
  /** Why the model is not ready, for the user. */
  message = '';
  /** Download progress, 0..1, in bytes received. */
  progress = 0;
  /** Everything this device runs (model, worker, backend) is saved for offline use. */
  offlineSaved = false;
  info: ReadyInfo | null = null;
  /** A newer model version, downloaded and verified, waiting for the user to switch. */
  update: ModelManifest | null = null;
  /** The technical detail of the last model problem (loading, or an update refused): Settings' engine details only. */
  detail = '';
  client: DetectorClient | null = null;
  private manifest: ModelManifest | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ReturnType<typeof urlOptions>,
    private readonly events: ModelEvents,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    void this.start();
  }

  hostDisconnected(): void {
    void this.client?.dispose();
  }

  get ready(): boolean {
    return this.state === 'ready';
  }

  private set(
    changes: Partial<Pick<ModelController, 'state' | 'message' | 'progress' | 'info' | 'update' | 'offlineSaved' | 'detail'>>,
  ): void {
    Object.assign(this, changes);
    this.host.requestUpdate();
  }

  private async start(): Promise<void> {
    try {
      this.manifest = await startupManifest();
    } catch (e) {
      // Unreachable, or a latest.json that is not JSON or lists the files badly: refused.
      const unreachable = e instanceof ModelUnavailableError;
      this.set({
        state: unreachable ? 'unavailable' : 'damaged',
        message: unreachable ? MODEL_MESSAGES.notSaved : MODEL_MESSAGES.refused,
        detail: errorText(e),
      });
      window.addEventListener('online', () => void this.start(), { once: true });
      return;
    }
    this.client ??= new DetectorClient({
      onProgress: (f) => this.set({ progress: f }),
      onFallback: (from, to, reason) => {
        this.events.notice(`Reading on ${engineInWords(from)} failed (${reason}); now on ${engineInWords(to)}.`);
        if (this.info)
          this.set({ info: { ...this.info, backend: to, reason: `${to.toUpperCase()} — ${from} failed: ${reason}` } });
      },
      onRestart: (reason) => this.events.notice(`The detector stopped (${reason}) and was restarted.`),
      onPersonalDropped: (name, reason) => {
        this.events.notice(`${PERSONAL_DROPPED} You can delete it in Settings.`);
        this.set({ detail: `${name} switched off: ${reason}` });
      },
    });
    await this.load(this.manifest);
    if (this.ready) void this.checkForNewModel();
  }

  private initOptions(m: ModelManifest) {
    return {
      modelUrl: `/models/digits/${m.path}/model.json`,
      readerUrl: m.files.some((f) => f.name === 'reader.json') ? `/models/digits/${m.path}/reader.json` : undefined,
      manifest: m,
      // The worker keeps the files it checked: the service worker need not download them again.
      cacheName: modelCacheName(m.version),
      inputSize: this.opts.inputSize,
      forceBackend: this.opts.forceBackend,
      maxTexture: this.opts.maxTexture,
      simulateWebglFailure: this.opts.simulateWebglFailure,
      debug: this.opts.debug,
    };
  }

  /** Loads a model version; a damaged cached copy is repaired from the network when there is one. */
  private async load(m: ModelManifest, repaired = false): Promise<void> {
    this.set({ state: 'loading', progress: 0 });
    try {
      const info = await this.client!.init(this.initOptions(m));
      this.set({ info, state: 'ready' });
      this.events.ready();
      // The model is in its version's cache; the worker's script, backend and WASM build join the
      // service worker's, so the next visit works offline.
      void keepForOffline(info.loaded ?? []).then((saved) => this.set({ offlineSaved: saved }));
    } catch (e) {
      const damaged = e instanceof DetectorError && e.code === 'model-damaged';
      let detail = errorText(e);
      if (damaged && !repaired && navigator.onLine) {
        try {
          await repairModel(m);
          return await this.load(m, true);
        } catch (r) {
          // falls through to the message below; retried when the network comes back
          detail = `${detail}; repair: ${errorText(r)}`;
        }
      }
      const unavailable = e instanceof DetectorError && e.code === 'model-unavailable';
      this.set({
        state: damaged ? 'damaged' : unavailable ? 'unavailable' : 'failed',
        // Damaged while online even after a fresh download: the published files fail their checks.
        message: damaged
          ? navigator.onLine
            ? MODEL_MESSAGES.refused
            : MODEL_MESSAGES.damaged
          : unavailable
            ? MODEL_MESSAGES.unavailable
            : MODEL_MESSAGES.failed,
        detail,
      });
      if (damaged || unavailable) window.addEventListener('online', () => void this.load(m), { once: true });
    }
  }

  /** The "Try again" button. */
  retry(): void {
    if (this.manifest) void this.load(this.manifest);
    else void this.start();
  }

  private async checkForNewModel(): Promise<void> {
    try {
      const m = await fetchNewModel(this.info?.version ?? '');
      if (m) this.set({ update: m });
    } catch (e) {
      this.set({ detail: errorText(e) }); // not offered; the running version goes on
    }
  }

  /** Switches to the downloaded model version in place: no reload, the camera keeps running. */
  async switchModel(): Promise<void> {
    const m = this.update;
    if (!m) return;
    this.set({ update: null });
    this.events.switching();
    this.manifest = m;
    await this.load(m);
    if (this.ready) await rememberSwitch(m).catch((e: unknown) => this.set({ detail: errorText(e) }));
  }
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));
