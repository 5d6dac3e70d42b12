/**
 * `briefsmith schedule`: run the config's schedules in the foreground until SIGTERM/SIGINT, which
 * stops after the briefs in progress. `--once <name>` runs one schedule now and exits (for system
 * cron, CI or a systemd timer); its exit code is 1 if a brief failed.
 */
import { BriefsmithError } from '../errors/errors.js';
import { resolveConfig, type ConfigFlags, type ResolvedConfig } from '../config/load.js';
import type { BatchEvent, BatchSummary } from '../batch/batch.js';
import { systemClock } from '../schedule/clock.js';
import { runSchedule } from '../schedule/run.js';
import { Scheduler, type SchedulerEvent } from '../schedule/scheduler.js';
import { createRunner, exitCodeOf, stopOnSignals } from './build.js';

export interface ScheduleOptions extends ConfigFlags {
  once?: string;
}

export async function scheduleCommand(options: ScheduleOptions): Promise<number> {
  const config = await resolveConfig({ flags: options });
  if (config.schedules.length === 0) {
    throw new BriefsmithError(
      'usage',
      `no schedules in ${config.file ?? 'the configuration (no briefsmith.config.* found)'}; add a "schedules" list`,
    );
  }
  return options.once === undefined ? runForever(config) : runOnce(config, options.once);
}

async function runOnce(config: ResolvedConfig, name: string): Promise<number> {
  const schedule = config.schedules.find((s) => s.name === name);
  if (!schedule) {
    throw new BriefsmithError(
      'usage',
      `no schedule "${name}"; schedules are: ${config.schedules.map((s) => s.name).join(', ')}`,
    );
  }
  const runner = await createRunner(config, Number.MAX_SAFE_INTEGER);
  const stop = stopOnSignals();
  try {
    const summary = await runSchedule(schedule, {
      config,
      runner,
      clock: systemClock,
      signal: stop.signal,
      onEvent: logBatchEvent,
    });
    console.log(`${name}: ${describeRun(summary)}`);
    return exitCodeOf(summary);
  } finally {
    stop.dispose();
    await runner.close();
  }
}

async function runForever(config: ResolvedConfig): Promise<number> {
  const runner = await createRunner(config, Number.MAX_SAFE_INTEGER);
  const scheduler = new Scheduler({
    schedules: config.schedules,
    clock: systemClock,
    run: async (schedule, signal) => {
      const summary = await runSchedule(schedule, {
        config,
        runner,
        clock: systemClock,
        signal,
        onEvent: logBatchEvent,
      });
      console.log(`${schedule.name}: ${describeRun(summary)}`);
    },
    onEvent: logSchedulerEvent,
  });
  const stopped = new Promise<void>((resolve) => {
    const stop = () => {
      console.log('stopping after the briefs in progress…');
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  scheduler.start();
  await stopped;
  await scheduler.stop();
  await runner.close();
  return 0;
}

function describeRun(summary: BatchSummary): string {
  const stopped = summary.notStarted.length > 0 ? `, ${summary.notStarted.length} not started (stopped)` : '';
  return `${summary.built.length} built, ${summary.unchanged.length} unchanged, ${summary.failed.length} failed${stopped}`;
}

function logSchedulerEvent(event: SchedulerEvent): void {
  if (event.type === 'armed') console.log(`${event.schedule}: next run ${event.next.toISOString()}`);
  if (event.type === 'started') console.log(`${event.schedule}: run started`);
  if (event.type === 'skipped')
    console.log(`${event.schedule}: tick at ${event.at.toISOString()} skipped: ${event.reason}`);
  if (event.type === 'error') console.error(`${event.schedule}: run failed: ${event.message}`);
}

function logBatchEvent(event: BatchEvent): void {
  if (event.type === 'built')
    console.log(`✓ ${event.entry.file} version ${event.entry.version} (${event.reason})`);
  if (event.type === 'failed')
    console.error(
      `✗ ${event.failure.source}${event.final ? '' : ' (will retry)'}: ${event.failure.reasons[0] ?? ''}`,
    );
  if (event.type === 'retrying')
    console.log(`… retrying ${event.ids.join(', ')} in ${Math.round(event.delayMs / 1000)} s`);
}
