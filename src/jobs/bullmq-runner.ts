/**
 * A `JobRunner` backed by a BullMQ queue in Redis: for teams whose batches outgrow one machine.
 * The caller's side (`BullmqRunner`) enqueues jobs and waits for their results; any number of
 * processes on any machines run `startBullmqWorker` against the same Redis and queue name. The
 * caller still publishes every result itself, so the output folder keeps one writer.
 *
 * Jobs are already plain data (src/jobs/runner.ts); results are stored in Redis as JSON, so the
 * PDF travels base64-encoded. A job is tried once: a brief that fails is reported, as with the
 * thread pool, and retries stay the caller's policy (src/batch/batch.ts).
 */
import { Queue, QueueEvents, Worker, type ConnectionOptions } from 'bullmq';
import { executeBuildJob } from './execute.js';
import {
  crashed,
  dispatchJobs,
  type BuildJob,
  type JobResult,
  type JobRunner,
  type RunOptions,
  type RunReport,
} from './runner.js';

export const defaultQueueName = 'briefsmith-build';

export interface BullmqOptions {
  connection: ConnectionOptions;
  queueName?: string;
  /** Jobs in flight at once from this caller (the workers' own concurrency is theirs to set). */
  concurrency: number;
  /** Longest wait for one job's result before it counts as failed. */
  timeoutMs?: number;
}

/** A result as stored in Redis: JSON, so the PDF bytes are base64. */
type WireResult =
  Exclude<JobResult, { ok: true }> | (Omit<Extract<JobResult, { ok: true }>, 'pdf'> & { pdf: string });

export class BullmqRunner implements JobRunner {
  readonly concurrency: number;
  private readonly queue: Queue<BuildJob, WireResult>;
  private readonly events: QueueEvents;
  private readonly timeoutMs: number;

  constructor(options: BullmqOptions) {
    const name = options.queueName ?? defaultQueueName;
    this.concurrency = Math.max(1, options.concurrency);
    this.queue = new Queue(name, { connection: options.connection });
    this.events = new QueueEvents(name, { connection: options.connection });
    this.timeoutMs = options.timeoutMs ?? 10 * 60_000;
  }

  run(
    jobs: readonly BuildJob[],
    onResult: (job: BuildJob, result: JobResult) => void | Promise<void>,
    options: RunOptions = {},
  ): Promise<RunReport> {
    return dispatchJobs(jobs, this.concurrency, (job) => this.submit(job), onResult, options.signal);
  }

  private async submit(job: BuildJob): Promise<JobResult> {
    await this.events.waitUntilReady();
    const added = await this.queue.add(job.id, job, {
      attempts: 1,
      removeOnComplete: { age: 3600 },
      removeOnFail: { age: 24 * 3600 },
    });
    try {
      return fromWire(await added.waitUntilFinished(this.events, this.timeoutMs));
    } catch (error) {
      // A job still waiting is taken off the queue so no worker renders it after we gave up
      // (a job already being rendered is locked and finishes; its result is then ignored).
      await added.remove().catch(() => undefined);
      return crashed(error);
    }
  }

  async close(): Promise<void> {
    await this.events.close();
    await this.queue.close();
  }
}

export interface BullmqWorkerOptions {
  connection: ConnectionOptions;
  queueName?: string;
  /** Jobs this process renders at once; rendering is CPU-bound, so about one per core. */
  concurrency?: number;
  /** How to run one job; defaults to rendering on this thread. */
  execute?: (job: BuildJob) => Promise<JobResult>;
}

/** Consumes build jobs from the queue until `close()`; run one per machine (or per core). */
export function startBullmqWorker(options: BullmqWorkerOptions): Worker<BuildJob, WireResult> {
  const execute = options.execute ?? executeBuildJob;
  return new Worker<BuildJob, WireResult>(
    options.queueName ?? defaultQueueName,
    async (job) => toWire(await execute(job.data)),
    { connection: options.connection, concurrency: options.concurrency ?? 1 },
  );
}

function toWire(result: JobResult): WireResult {
  return result.ok ? { ...result, pdf: Buffer.from(result.pdf).toString('base64') } : result;
}

function fromWire(result: WireResult): JobResult {
  return result.ok ? { ...result, pdf: new Uint8Array(Buffer.from(result.pdf, 'base64')) } : result;
}
