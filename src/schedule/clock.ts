/**
 * Time as a dependency. The scheduler asks a `Clock` for "now", for a timer at a wall-clock
 * instant and for a delay; tests pass a `ManualClock` and move time by hand, so cron ticks,
 * overlaps and retry back-off are tested without waiting.
 */
export interface Clock {
  now(): Date;
  /** Calls `fn` at `at` (at once if that is past); the returned function cancels it. */
  timerAt(at: Date, fn: () => void): () => void;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** setTimeout holds at most ~24.8 days; longer waits are chained. */
const maxTimeout = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => new Date(),
  timerAt(at, fn) {
    let handle: NodeJS.Timeout;
    const arm = () => {
      const wait = at.getTime() - Date.now();
      handle = setTimeout(wait > maxTimeout ? arm : fn, Math.max(0, Math.min(wait, maxTimeout)));
    };
    arm();
    return () => clearTimeout(handle);
  },
  sleep(ms, signal) {
    return new Promise((resolve) => {
      const handle = setTimeout(done, ms);
      function done() {
        clearTimeout(handle);
        signal?.removeEventListener('abort', done);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    });
  },
};

/** A clock that only moves when told to: `advance` fires every timer that falls due, in order. */
export class ManualClock implements Clock {
  private current: number;
  private readonly timers = new Set<{ at: number; fn: () => void }>();

  constructor(start: Date) {
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  timerAt(at: Date, fn: () => void): () => void {
    const timer = { at: at.getTime(), fn };
    this.timers.add(timer);
    return () => this.timers.delete(timer);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const cancel = this.timerAt(new Date(this.current + ms), resolve);
      signal?.addEventListener('abort', () => (cancel(), resolve()), { once: true });
    });
  }

  /** Moves time forward by `ms`, firing due timers (including ones they arm) in time order. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = [...this.timers].filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers.delete(due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
  }

  /** How many timers are armed (tests wait for a sleeper to appear). */
  get pending(): number {
    return this.timers.size;
  }
}
