/**
 * Defers creating a runner until a batch has something to build: a no-change rerun of hundreds
 * of briefs then never starts worker threads (each loads Vega, pdfmake and the fonts).
 */
import type { BuildJob, JobResult, JobRunner, RunOptions, RunReport } from './runner.js';

export class LazyRunner implements JobRunner {
  private runner: JobRunner | undefined;

  constructor(
    readonly concurrency: number,
    private readonly create: () => JobRunner,
  ) {}

  run(
    jobs: readonly BuildJob[],
    onResult: (job: BuildJob, result: JobResult) => void | Promise<void>,
    options?: RunOptions,
  ): Promise<RunReport> {
    if (jobs.length === 0) return Promise.resolve({ notStarted: [] });
    this.runner ??= this.create();
    return this.runner.run(jobs, onResult, options);
  }

  async close(): Promise<void> {
    await this.runner?.close();
  }
}
