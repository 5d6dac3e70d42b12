/**
 * `briefsmith build [paths...]`: build many briefs in parallel, skipping those whose inputs did not
 * change, publishing each PDF atomically with its earlier versions kept. `--watch` keeps running
 * and rebuilds what an edit affects (src/cli/watch.ts). An invalid brief writes nothing, leaves its
 * previous PDF in place, and never stops the others; the exit code is 1 if any brief failed.
 */
import { runBatch, type BatchSummary } from '../batch/batch.js';
import { batchSettingsFrom } from '../batch/from-config.js';
import { resolveConfig, type ConfigFlags, type ResolvedConfig } from '../config/load.js';
import { appendRun, runRecord } from '../schedule/history.js';
import { findBriefFiles } from '../io/files.js';
import { InlineRunner } from '../jobs/inline-runner.js';
import { LazyRunner } from '../jobs/lazy-runner.js';
import { PoolRunner } from '../jobs/pool-runner.js';
import type { JobRunner } from '../jobs/runner.js';
import { Publisher } from '../publish/publisher.js';
import { createReporter } from './progress.js';

export interface BuildOptions extends ConfigFlags {
  force?: boolean;
  watch?: boolean;
  dataNotes?: boolean;
}

export async function buildCommand(paths: string[], options: BuildOptions): Promise<number> {
  const resolved = await resolveConfig({ flags: options });
  const config = { ...resolved, dataNotes: options.dataNotes ?? resolved.dataNotes };
  const inputs = paths.length > 0 ? paths : config.data;
  if (options.watch) {
    const { watchCommand } = await import('./watch.js');
    return watchCommand(inputs, config, { force: options.force ?? false });
  }
  const files = findBriefFiles(inputs);
  const runner = await createRunner(config, files.length);
  const stop = stopOnSignals();
  try {
    const summary = await buildOnce(files, config, runner, {
      force: options.force ?? false,
      signal: stop.signal,
    });
    return exitCodeOf(summary);
  } finally {
    stop.dispose();
    await runner.close();
  }
}

/** One batch with a fresh look at the templates and the manifest; shared with --watch. */
export async function buildOnce(
  files: readonly string[],
  config: ResolvedConfig,
  runner: JobRunner,
  options: { force: boolean; signal?: AbortSignal; quietUnchanged?: boolean },
): Promise<BatchSummary> {
  const settings = batchSettingsFrom(config);
  const { integrity } = settings;
  const reporter = createReporter(config.out, { quietUnchanged: options.quietUnchanged ?? false });
  const publisher = Publisher.open(config.out, { keep: config.keep });
  try {
    const summary = await runBatch({
      files,
      runner,
      publisher,
      ...settings,
      force: options.force,
      ...(options.signal ? { signal: options.signal } : {}),
      onEvent: (event) => reporter.event(event),
    });
    reporter.finish(summary);
    // Still holding the output folder's lock: one process distributes at a time.
    if (config.distribution && summary.built.some((b) => b.changed)) {
      const { distributeAfterBuild } = await import('../distribute/after-publish.js');
      const { printDistribution } = await import('./distribute.js');
      const distribution = await distributeAfterBuild({
        outDir: config.out,
        config: config.distribution,
        built: summary.built,
        files,
        ...(integrity ? { integrity } : {}),
      });
      printDistribution(distribution);
      appendRun(config.out, runRecord('build', summary, distribution));
    }
    return summary;
  } finally {
    publisher.close();
  }
}

/**
 * With a `queue` in the config, jobs go to Redis and `briefsmith worker` processes render them.
 * Otherwise a single brief renders on this thread (a worker thread would load every module a
 * second time for no parallelism), and more briefs share a pool of threads, which leave this
 * one free to answer signals while briefs render.
 */
export async function createRunner(config: ResolvedConfig, briefs: number): Promise<JobRunner> {
  if (config.queue) {
    const { BullmqRunner } = await import('../jobs/bullmq-runner.js');
    const { assertRedisReachable, redisConnection } = await import('../jobs/redis.js');
    await assertRedisReachable(
      config.queue.redis,
      'start it, or remove "queue" from the config to render locally',
    );
    return new BullmqRunner({
      connection: redisConnection(config.queue.redis),
      queueName: config.queue.name,
      concurrency: config.queue.concurrency,
      timeoutMs: config.queue.timeoutMs,
    });
  }
  if (briefs === 1) return new InlineRunner();
  const threads = Math.max(1, Math.min(config.jobs, briefs));
  return new LazyRunner(threads, () => new PoolRunner(threads));
}

export function exitCodeOf(summary: BatchSummary): number {
  return summary.failed.length > 0 || summary.notStarted.length > 0 ? 1 : 0;
}

/** SIGINT/SIGTERM stop dispatching; briefs already rendering finish and are published. */
export function stopOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
