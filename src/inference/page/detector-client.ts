import type { BackendName, FrameResult, InitOptions, ReadyInfo, Request, Response, WorkerStatus } from '../shared/protocol.js';

export class DetectorError extends Error {
  constructor(
    message: string,
    readonly code: Extract<Response, { type: 'error' }>['code'] | 'worker-crashed',
  ) {
    super(message);
    this.name = 'DetectorError';
  }
}

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void };

export interface ClientEvents {
  onProgress?: (fraction: number) => void;
  onFallback?: (from: BackendName, to: BackendName, reason: string) => void;
  /** The worker died and was restarted (and re-initialised). */
  onRestart?: (reason: string) => void;
}

/**
 * Page-side handle on the detection worker: typed request/response, one frame in flight at a time
 * (the caller drops frames while busy), and a restart when the worker crashes.
 */
export class DetectorClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private initOptions: InitOptions | null = null;

  constructor(private readonly events: ClientEvents = {}) {}

  private spawn(): Worker {
    const w = new Worker(new URL('../worker/detection.worker.ts', import.meta.url), { type: 'module', name: 'digit-detector' });
    w.onmessage = (e: MessageEvent<Response>) => this.onMessage(e.data);
    w.onerror = (e) => {
      e.preventDefault();
      void this.crashed(e.message || 'worker error');
    };
    return w;
  }

  private onMessage(msg: Response): void {
    if (msg.type === 'progress') return this.events.onProgress?.(msg.fraction);
    if (msg.type === 'fallback') return this.events.onFallback?.(msg.from, msg.to, msg.reason);
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new DetectorError(msg.message, msg.code));
    else p.resolve(msg);
  }

  private async crashed(reason: string): Promise<void> {
    this.worker?.terminate();
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new DetectorError(`detector stopped: ${reason}`, 'worker-crashed'));
    this.pending.clear();
    if (this.initOptions) {
      this.events.onRestart?.(reason);
      await this.init(this.initOptions).catch(() => undefined);
    }
  }

  private request(msg: Request, transfer: Transferable[] = []): Promise<Response> {
    if (!this.worker) this.worker = this.spawn();
    return new Promise((resolve, reject) => {
      this.pending.set(msg.id, { resolve, reject });
      this.worker!.postMessage(msg, transfer);
    });
  }

  async init(options: InitOptions): Promise<ReadyInfo> {
    this.initOptions = options;
    const r = await this.request({ type: 'init', id: this.nextId++, options });
    if (r.type !== 'ready') throw new DetectorError('unexpected reply to init', 'init-failed');
    return r.info;
  }

  /** Sends a frame (transferred: the caller must not use it afterwards). */
  async detect(frame: ImageBitmap): Promise<FrameResult> {
    const r = await this.request({ type: 'detect', id: this.nextId++, frame }, [frame]);
    if (r.type !== 'result') throw new DetectorError('unexpected reply to detect', 'detect-failed');
    return r.result;
  }

  async status(): Promise<WorkerStatus> {
    const r = await this.request({ type: 'status', id: this.nextId++ });
    if (r.type !== 'status') throw new DetectorError('unexpected reply to status', 'detect-failed');
    return r.status;
  }

  /** Test and support hook: kills the worker as a crash would. */
  simulateCrash(): void {
    void this.crashed('simulated crash');
  }

  async dispose(): Promise<void> {
    if (this.worker) await this.request({ type: 'dispose', id: this.nextId++ }).catch(() => undefined);
    this.initOptions = null;
    this.worker?.terminate();
    this.worker = null;
  }
}
