/**
 * One run of one schedule: expand its globs, run an incremental batch with retries (back-off on
 * the injected clock), append the run to output/runs.jsonl. Used by the scheduler's ticks and by
 * `briefsmith schedule --once <name>`.
 */
import { distributeAfterBuild } from '../distribute/after-publish.js';
import { glob } from 'tinyglobby';
import { runBatch, type BatchEvent, type BatchSummary } from '../batch/batch.js';
import { batchSettingsFrom } from '../batch/from-config.js';
import type { ResolvedConfig } from '../config/load.js';
import type { ScheduleConfig } from '../config/schema.js';
import type { JobRunner } from '../jobs/runner.js';
import { Publisher } from '../publish/publisher.js';
import type { Clock } from './clock.js';
import { appendRun, runRecord } from './history.js';

export interface ScheduleRunDeps {
  config: ResolvedConfig;
  runner: JobRunner;
  clock: Clock;
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
}

export async function runSchedule(schedule: ScheduleConfig, deps: ScheduleRunDeps): Promise<BatchSummary> {
  const { config, clock } = deps;
  // The run starts when its tick fires, before any await: that is the time the history records.
  const start = clock.now();
  const files = await glob(schedule.briefs, { cwd: config.baseDir, absolute: true, onlyFiles: true });
  files.sort();
  const settings = batchSettingsFrom(config);
  const publisher = Publisher.open(config.out, { keep: config.keep, now: () => clock.now() });
  try {
    const summary = await runBatch({
      files,
      runner: deps.runner,
      publisher,
      ...settings,
      force: schedule.force,
      retry: { retries: config.retry.retries, delayMs: config.retry.delayMs, sleep: clock.sleep.bind(clock) },
      now: () => clock.now(),
      ...(deps.signal ? { signal: deps.signal } : {}),
      ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
    });
    summary.startedAt = start.toISOString();
    const distribution = config.distribution
      ? await distributeAfterBuild({
          outDir: config.out,
          config: config.distribution,
          built: summary.built,
          files,
          ...(settings.integrity ? { integrity: settings.integrity } : {}),
        })
      : undefined;
    appendRun(config.out, runRecord(schedule.name, summary, distribution));
    return summary;
  } finally {
    publisher.close();
  }
}
