/**
 * The in-process `JobRunner`: a piscina pool of worker threads, one job per thread at a time.
 * Rendering (Vega, pdfmake, fontkit) is CPU-bound and synchronous, so threads are what makes a
 * batch use every core; the main thread stays free to publish and to draw progress.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import {
  dispatchJobs,
  type BuildJob,
  type JobResult,
  type JobRunner,
  type RunOptions,
  type RunReport,
} from './runner.js';

/** The compiled worker; from TypeScript sources (tests) fall back to the build in dist/. */
function workerFile(): string {
  const beside = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  return fileURLToPath(new URL('../../dist/jobs/worker.js', import.meta.url));
}

export class PoolRunner implements JobRunner {
  readonly concurrency: number;
  private readonly pool: Piscina<BuildJob, JobResult>;

  constructor(threads: number) {
    this.concurrency = Math.max(1, Math.floor(threads));
    this.pool = new Piscina({
      filename: workerFile(),
      minThreads: this.concurrency,
      maxThreads: this.concurrency,
      // Threads stay alive between runs (watch, schedule) so templates and fonts stay loaded.
      idleTimeout: Number.POSITIVE_INFINITY,
    });
  }

  run(
    jobs: readonly BuildJob[],
    onResult: (job: BuildJob, result: JobResult) => void | Promise<void>,
    options: RunOptions = {},
  ): Promise<RunReport> {
    return dispatchJobs(jobs, this.concurrency, (job) => this.pool.run(job), onResult, options.signal);
  }

  /** One job on the pool, for callers that receive jobs one at a time (a queue worker). */
  runOne(job: BuildJob): Promise<JobResult> {
    return this.pool.run(job);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
