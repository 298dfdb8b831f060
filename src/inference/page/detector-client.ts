import {
  REPLY_TO,
  type BackendName,
  type Call,
  type Calls,
  type ErrorCode,
  type FrameResult,
  type InitOptions,
  type ReadyInfo,
  type Reply,
  type Response,
  type WorkerStatus,
} from '../shared/protocol.js';

export class DetectorError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode | 'worker-crashed',
  ) {
    super(message);
    this.name = 'DetectorError';
  }
}

type Pending = { expect: Reply['type']; resolve: (r: Reply) => void; reject: (e: Error) => void };

export interface ClientEvents {
  onProgress?: (fraction: number) => void;
  onFallback?: (from: BackendName, to: BackendName, reason: string) => void;
  /** The worker died and was restarted (and re-initialised). */
  onRestart?: (reason: string) => void;
  /** The personal model was switched off; the shipped model reads alone. */
  onPersonalDropped?: (name: string, reason: string) => void;
}

export interface DetectOptions {
  /**
   * A live-view frame: dropped (closed, resolved with null) when other work is running or waiting,
   * rather than queued behind it. Without it the frame waits its turn (a capture, a photo).
   */
  droppable?: boolean;
}

/**
 * Page-side handle on the detection worker: each request type has its reply type (`Calls`), and
 * the heavy requests (init, detect, dispose) go through ONE queue, so the worker never runs two
 * of them at once; status answers at once. The worker is restarted when it crashes.
 */
export class DetectorClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private initOptions: InitOptions | null = null;
  /** Heavy requests waiting their turn; `running` while one is with the worker. */
  private queue: (() => Promise<void>)[] = [];
  private running = false;

  constructor(private readonly events: ClientEvents = {}) {}

  private spawn(): Worker {
    const w = new Worker(new URL('../worker/detection.worker.ts', import.meta.url), {
      type: 'module',
      name: 'digit-detector',
    });
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
    if (msg.type === 'personal-dropped') return this.events.onPersonalDropped?.(msg.name, msg.reason);
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.type === 'error') p.reject(new DetectorError(msg.message, msg.code));
    else if (msg.type !== p.expect)
      p.reject(new DetectorError(`unexpected reply ${msg.type} (wanted ${p.expect})`, 'detect-failed'));
    else p.resolve(msg);
  }

  private crashed(reason: string): void {
    this.worker?.terminate();
    this.worker = null;
    const lost = [...this.pending.values()];
    this.pending.clear();
    // The restart goes to the front of the queue: requests already waiting run on the new worker.
    if (this.initOptions) {
      this.events.onRestart?.(reason);
      void this.enqueue(() => this.request('init', { options: this.initOptions! }), true).catch(() => undefined);
    }
    for (const p of lost) p.reject(new DetectorError(`detector stopped: ${reason}`, 'worker-crashed'));
  }

  /** Sends one request and resolves with its reply, typed by the request type. */
  private request<K extends Call>(
    type: K,
    body: Omit<Calls[K][0], 'type' | 'id'>,
    transfer: Transferable[] = [],
  ): Promise<Calls[K][1]> {
    if (!this.worker) this.worker = this.spawn();
    const msg = { ...body, type, id: this.nextId++ } as Calls[K][0];
    return new Promise<Calls[K][1]>((resolve, reject) => {
      this.pending.set(msg.id, { expect: REPLY_TO[type], resolve: resolve as (r: Reply) => void, reject });
      this.worker!.postMessage(msg, transfer);
    });
  }

  /** Runs `task` when every heavy request before it has been answered. */
  private enqueue<T>(task: () => Promise<T>, front = false): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const job = (): Promise<void> => task().then(resolve, reject);
      if (front) this.queue.unshift(job);
      else this.queue.push(job);
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (let job = this.queue.shift(); job; job = this.queue.shift()) await job();
    } finally {
      this.running = false;
    }
  }

  /** Heavy requests running or waiting: a droppable frame is dropped while there are any. */
  get busy(): boolean {
    return this.running || this.queue.length > 0;
  }

  async init(options: InitOptions): Promise<ReadyInfo> {
    this.initOptions = options;
    const r = await this.enqueue(() => this.request('init', { options }));
    return r.info;
  }

  /**
   * Sends a frame (transferred: the caller must not use it afterwards) once the worker is free.
   * A droppable frame resolves with null, closed, when the worker is busy.
   */
  detect(frame: ImageBitmap): Promise<FrameResult>;
  detect(frame: ImageBitmap, options: DetectOptions): Promise<FrameResult | null>;
  async detect(frame: ImageBitmap, options: DetectOptions = {}): Promise<FrameResult | null> {
    if (options.droppable && this.busy) {
      frame.close();
      return null;
    }
    const r = await this.enqueue(() => this.request('detect', { frame }, [frame]));
    return r.result;
  }

  async status(): Promise<WorkerStatus> {
    return (await this.request('status', {})).status;
  }

  /** Test and support hook: kills the worker as a crash would. */
  simulateCrash(): void {
    this.crashed('simulated crash');
  }

  async dispose(): Promise<void> {
    this.initOptions = null;
    if (this.worker) await this.enqueue(() => this.request('dispose', {})).catch(() => undefined);
    this.queue = [];
    this.worker?.terminate();
    this.worker = null;
  }
}
