/**
 * `briefsmith worker [--concurrency N]`: take build jobs from the config's BullMQ queue and render
 * them until SIGTERM or SIGINT, then finish the jobs in hand and exit 0. Start any number, on any
 * machines that reach the Redis server; the `build` or `schedule` that queued the jobs publishes.
 */
import { resolveConfig, type ConfigFlags } from '../config/load.js';
import { BriefsmithError } from '../errors/errors.js';
import { startBullmqWorker } from '../jobs/bullmq-runner.js';
import { PoolRunner } from '../jobs/pool-runner.js';
import { assertRedisReachable, redisConnection } from '../jobs/redis.js';

export interface WorkerOptions extends ConfigFlags {
  concurrency?: number;
}

export async function workerCommand(options: WorkerOptions): Promise<number> {
  const config = await resolveConfig({ flags: options });
  if (!config.queue) {
    throw new BriefsmithError(
      'usage',
      `no "queue" section in ${config.file ?? 'a config file'}: add queue: { redis: redis://host:6379 } (docs/batch.md)`,
    );
  }
  await assertRedisReachable(config.queue.redis, 'start it, or fix "queue.redis" in the config');
  const concurrency = options.concurrency ?? 1;
  // Rendering is CPU-bound: more than one job at a time needs threads, not just BullMQ concurrency.
  const pool = concurrency > 1 ? new PoolRunner(concurrency) : undefined;
  const worker = startBullmqWorker({
    connection: redisConnection(config.queue.redis),
    queueName: config.queue.name,
    concurrency,
    ...(pool ? { execute: (job) => pool.runOne(job) } : {}),
  });
  // ioredis retries a lost connection forever; say so once per distinct error, not per retry.
  let lastError = '';
  worker.on('error', (error) => {
    if (error.message !== lastError) console.error(`worker: ${error.message} (retrying)`);
    lastError = error.message;
  });
  worker.on('completed', (job) => {
    // An invalid brief completes too: its diagnostics are the result the build reports.
    if (job.returnvalue?.ok) console.log(`✓ rendered ${job.name}`);
    else console.log(`✗ ${job.name}: not rendered (its diagnostics go back to the build)`);
  });
  worker.on('failed', (job, error) => console.error(`✗ ${job?.name ?? 'job'}: ${error.message}`));
  await worker.waitUntilReady();
  console.log(`worker ready: queue "${config.queue.name}" on ${new URL(config.queue.redis).host}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  console.log('stopping after the jobs in hand');
  await worker.close();
  await pool?.close();
  return 0;
}
