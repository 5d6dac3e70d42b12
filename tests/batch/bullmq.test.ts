/**
 * The BullMQ runner against a real redis-server started by the test on 127.0.0.1 (an ephemeral
 * port): the same `runBatch` as the thread pool, with the job runner swapped and nothing else.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Worker } from 'bullmq';
import { runBatch } from '../../src/batch/batch.js';
import { snapshotTemplates } from '../../src/batch/plan.js';
import { BullmqRunner, startBullmqWorker } from '../../src/jobs/bullmq-runner.js';
import { loadTemplates } from '../../src/prose/templates.js';
import { Publisher } from '../../src/publish/publisher.js';
import { startRedis, type RunningRedis } from '../helpers/redis.js';
import { checkOutputWhole, tempDir, writeBatch } from './fixtures.js';

describe('BullmqRunner with a real redis-server', () => {
  let redis: RunningRedis;
  let port: number;
  let worker: Worker;

  beforeAll(async () => {
    redis = await startRedis();
    port = redis.port;
    worker = startBullmqWorker({ connection: { host: '127.0.0.1', port }, concurrency: 1 });
  });

  afterAll(async () => {
    await worker?.close();
    redis?.stop();
  });

  it('builds a batch through the queue and the caller publishes the results', async () => {
    const dir = tempDir('bullmq');
    const out = join(dir, 'out');
    const { dataDir, valid, invalid } = writeBatch(dir, 3);
    const runner = new BullmqRunner({ connection: { host: '127.0.0.1', port }, concurrency: 2 });
    const publisher = Publisher.open(out, { keep: 5 });
    try {
      const files = [...valid, ...invalid].map((id) => join(dataDir, `${id}.yaml`));
      const summary = await runBatch({
        files,
        runner,
        publisher,
        templates: snapshotTemplates(loadTemplates()),
        pageSize: 'A4',
      });
      expect(summary.built.map((b) => b.id).sort()).toEqual(valid);
      expect(summary.failed.map((f) => f.id).sort()).toEqual([...invalid].sort());
      expect(summary.failed.find((f) => f.id === 'bad-syntax')?.reasons[0]).toMatch(
        /bad-syntax\.yaml:\d+:\d+ error syntax/,
      );
      const whole = await checkOutputWhole(out);
      expect(whole.problems).toEqual([]);
      expect(whole.pdfs).toBe(2 * valid.length);
    } finally {
      publisher.close();
      await runner.close();
    }
  }, 120_000);
});
