/**
 * The foreground scheduler: arms one timer per schedule at its next cron time (croner computes the
 * times, in the schedule's time zone; the injected clock keeps them), runs the schedule when it
 * fires, and re-arms. A tick that finds the previous run of the same schedule still going is
 * skipped and reported: runs of one schedule never overlap. `stop()` cancels the timers, tells
 * running batches to stop after the briefs in progress, and resolves when they have.
 */
import { Cron } from 'croner';
import type { ScheduleConfig } from '../config/schema.js';
import type { Clock } from './clock.js';

export type SchedulerEvent =
  | { type: 'armed'; schedule: string; next: Date }
  | { type: 'started'; schedule: string; at: Date }
  | { type: 'finished'; schedule: string; at: Date }
  | { type: 'skipped'; schedule: string; at: Date; reason: string }
  | { type: 'error'; schedule: string; message: string };

export interface SchedulerOptions {
  schedules: readonly ScheduleConfig[];
  clock: Clock;
  /** Runs one schedule; must honour `signal` by stopping after the briefs in progress. */
  run: (schedule: ScheduleConfig, signal: AbortSignal) => Promise<void>;
  onEvent?: (event: SchedulerEvent) => void;
}

export class Scheduler {
  private readonly controller = new AbortController();
  private readonly cancels = new Map<string, () => void>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly emit: (event: SchedulerEvent) => void;

  constructor(private readonly options: SchedulerOptions) {
    this.emit = options.onEvent ?? (() => undefined);
  }

  start(): void {
    for (const schedule of this.options.schedules) this.arm(schedule);
  }

  /** Whether a run of `name` is in progress (for tests and status output). */
  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  /** Resolves when every run in progress has stopped. */
  async stop(): Promise<void> {
    for (const cancel of this.cancels.values()) cancel();
    this.cancels.clear();
    this.controller.abort();
    await Promise.all(this.running.values());
  }

  /** Resolves when the runs in progress now have finished (tests use it instead of sleeping). */
  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }

  /** `after` is the tick just fired: a timer that fires a little early must not fire it again. */
  private arm(schedule: ScheduleConfig, after?: Date): void {
    if (this.controller.signal.aborted) return;
    const now = this.options.clock.now();
    const next = nextRun(schedule, after && after > now ? after : now);
    if (!next) return;
    this.emit({ type: 'armed', schedule: schedule.name, next });
    this.cancels.set(
      schedule.name,
      this.options.clock.timerAt(next, () => this.tick(schedule, next)),
    );
  }

  private tick(schedule: ScheduleConfig, at: Date): void {
    this.arm(schedule, at);
    if (this.running.has(schedule.name)) {
      this.emit({ type: 'skipped', schedule: schedule.name, at, reason: 'the previous run is still going' });
      return;
    }
    this.emit({ type: 'started', schedule: schedule.name, at });
    const run = this.options
      .run(schedule, this.controller.signal)
      .catch((error: unknown) => {
        this.emit({ type: 'error', schedule: schedule.name, message: (error as Error).message });
      })
      .finally(() => {
        this.running.delete(schedule.name);
        this.emit({ type: 'finished', schedule: schedule.name, at: this.options.clock.now() });
      });
    this.running.set(schedule.name, run);
  }
}

/** The first cron time strictly after `from`, in the schedule's time zone. */
export function nextRun(schedule: ScheduleConfig, from: Date): Date | undefined {
  const cron = new Cron(schedule.cron, {
    paused: true,
    ...(schedule.timezone ? { timezone: schedule.timezone } : {}),
  });
  return cron.nextRun(from) ?? undefined;
}
