/**
 * A `JobRunner` that runs jobs on the calling thread, one at a time. For tests that inject a
 * clock (no threads to coordinate) and for embedding briefsmith where threads are unwelcome.
 */
import { executeBuildJob } from './execute.js';
import {
  dispatchJobs,
  type BuildJob,
  type JobResult,
  type JobRunner,
  type RunOptions,
  type RunReport,
} from './runner.js';

export class InlineRunner implements JobRunner {
  readonly concurrency = 1;

  run(
    jobs: readonly BuildJob[],
    onResult: (job: BuildJob, result: JobResult) => void | Promise<void>,
    options: RunOptions = {},
  ): Promise<RunReport> {
    return dispatchJobs(jobs, 1, executeBuildJob, onResult, options.signal);
  }

  async close(): Promise<void> {}
}
