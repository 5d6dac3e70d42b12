/**
 * The bounded render queue: at most `concurrency` renders run at once and at most `maxWaiting`
 * wait for a slot; one more is refused at once (429) instead of piling up memory and latency.
 *
 * A render that passes the timeout is aborted through its AbortSignal (the worker pool then
 * terminates its thread) and the caller gets 503; its slot is freed only once the task has
 * really ended, which keeps the concurrency bound true under abuse. The timeout starts when the
 * render starts, not while it waits, so a busy queue alone never turns into 503s.
 */
import PQueue from 'p-queue';

export class QueueFullError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('the render queue is full; retry later');
    this.name = 'QueueFullError';
  }
}

export class RenderTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the render took longer than ${timeoutMs} ms and was stopped; retry later or send a smaller brief`);
    this.name = 'RenderTimeoutError';
  }
}

export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before the render ended');
    this.name = 'ClientGoneError';
  }
}

export class ShuttingDownError extends Error {
  constructor() {
    super('the server is shutting down and takes no new renders');
    this.name = 'ShuttingDownError';
  }
}

export interface RenderQueueOptions {
  concurrency: number;
  maxWaiting: number;
  timeoutMs: number;
}

export class RenderQueue {
  private readonly queue: PQueue;
  private closed = false;
  /** Renders accepted and not yet ended (waiting + running), counted by us so bursts in one tick count. */
  private accepted = 0;
  /** Running mean of render durations, for an honest Retry-After. */
  private meanRenderMs = 500;

  constructor(private readonly options: RenderQueueOptions) {
    this.queue = new PQueue({ concurrency: options.concurrency });
  }

  get running(): number {
    return this.queue.pending;
  }

  get waiting(): number {
    return this.queue.size;
  }

  /**
   * Runs `task` when a slot is free; rejects at once when the queue is full or closed. When
   * `callerGone` has aborted (the client hung up) by the time a slot frees, the task is skipped,
   * so abandoned requests cost no render time. A render already running is left to finish:
   * stopping it would terminate its worker thread, and a fresh one costs more than the render.
   */
  run<T>(task: (signal: AbortSignal) => Promise<T>, callerGone?: AbortSignal): Promise<T> {
    if (this.closed) return Promise.reject(new ShuttingDownError());
    if (this.accepted >= this.options.concurrency + this.options.maxWaiting) {
      return Promise.reject(new QueueFullError(this.retryAfterSeconds()));
    }
    this.accepted++;
    return new Promise<T>((resolve, reject) => {
      void this.queue.add(async () => {
        if (callerGone?.aborted) {
          this.accepted--;
          reject(new ClientGoneError());
          return;
        }
        const started = performance.now();
        const abort = new AbortController();
        const timer = setTimeout(() => {
          reject(new RenderTimeoutError(this.options.timeoutMs));
          abort.abort(new RenderTimeoutError(this.options.timeoutMs));
        }, this.options.timeoutMs);
        try {
          resolve(await task(abort.signal));
        } catch (error) {
          reject(error);
        } finally {
          // Reached only when the render itself has ended: the slot is held until then.
          clearTimeout(timer);
          this.accepted--;
          this.meanRenderMs = 0.8 * this.meanRenderMs + 0.2 * (performance.now() - started);
        }
      });
    });
  }

  /** From now on, refuses new renders (in-flight and waiting ones still run). */
  close(): void {
    this.closed = true;
  }

  /** Resolves once every accepted render has ended. */
  async idle(): Promise<void> {
    await this.queue.onIdle();
  }

  /** Seconds until a slot is likely free: the work ahead divided by the slots. */
  retryAfterSeconds(): number {
    const ahead = this.accepted;
    return Math.max(1, Math.ceil((ahead / this.options.concurrency) * (this.meanRenderMs / 1000)));
  }
}
