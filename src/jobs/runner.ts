/**
 * The job-runner seam. A batch (CLI build, schedule, watch) turns briefs into `BuildJob`s and hands
 * them to a `JobRunner`; the runner decides where they run (worker threads today, a Redis queue
 * such as BullMQ tomorrow) and reports each result back to the caller, which alone publishes.
 *
 * Why this shape:
 * - Jobs and results are plain, structured-clone-able data (no functions, no file handles), so they
 *   can cross a thread, a process or a network. A job carries the brief's text and the template
 *   sources it is rendered with, so a worker on another machine needs no shared disk and renders
 *   exactly the bytes that were hashed.
 * - Results come back one by one through `onResult`, in completion order, and `run` resolves only
 *   after every `onResult` has settled: the caller publishes in one place (one manifest writer),
 *   whatever runs the jobs.
 * - `signal` stops dispatching: jobs already running finish and are reported, the rest are
 *   returned as not started. That is how SIGTERM "stops after the current brief".
 * - A failure of one job (invalid data, a crash inside the pipeline) is a result, never a throw.
 *   `run` throws only when the runner itself is broken (e.g. the queue is unreachable).
 */
import type { Diagnostic } from '../errors/diagnostic.js';
import type { IntegrityConfig } from '../integrity/config.js';
import type { PageSize } from '../pdf/assemble.js';
import type { TemplateFile } from '../prose/templates.js';

export interface BuildJob {
  /** Brief id: the output name (`<id>.pdf`). */
  id: string;
  /** Shown in diagnostics: the data file's path relative to the working directory. */
  displayPath: string;
  /** The data file's text, read once by the caller (it is part of the inputs hash). */
  text: string;
  /** The whole template set, and a hash of it so workers compile each set once. */
  templates: TemplateFile[];
  templatesKey: string;
  pageSize: PageSize;
  /** Integrity settings from the config file, and whether to append the "Data notes" appendix. */
  integrity?: IntegrityConfig;
  dataNotes?: boolean;
}

export type JobResult =
  | {
      ok: true;
      pdf: Uint8Array;
      pageCount: number;
      title: string;
      issued: string;
      diagnostics: Diagnostic[];
      /** Names of the templates the render invoked; the inputs hash covers exactly these. */
      templatesUsed: string[];
    }
  | {
      ok: false;
      diagnostics: Diagnostic[];
      /** An unexpected failure (a bug, a dead worker), as opposed to diagnostics about the data. */
      error?: string;
    };

export interface RunOptions {
  signal?: AbortSignal;
}

export interface RunReport {
  /** Jobs never started because `signal` aborted first. */
  notStarted: BuildJob[];
}

export interface JobRunner {
  /** How many jobs run at once; callers size progress output and retries by it. */
  readonly concurrency: number;
  run(
    jobs: readonly BuildJob[],
    onResult: (job: BuildJob, result: JobResult) => void | Promise<void>,
    options?: RunOptions,
  ): Promise<RunReport>;
  /** Releases threads or connections; the runner cannot be used afterwards. */
  close(): Promise<void>;
}

/**
 * Runs jobs through `execute` with at most `concurrency` in flight, stopping dispatch on abort.
 * Shared by the runners so they agree on ordering and cancellation.
 */
export async function dispatchJobs(
  jobs: readonly BuildJob[],
  concurrency: number,
  execute: (job: BuildJob) => Promise<JobResult>,
  onResult: (job: BuildJob, result: JobResult) => void | Promise<void>,
  signal?: AbortSignal,
): Promise<RunReport> {
  let next = 0;
  // Results are handed over one at a time, in completion order, while the lanes go on running
  // jobs: a worker never waits for the caller to finish publishing the previous result.
  let handedOver: Promise<void> = Promise.resolve();
  const lane = async (): Promise<void> => {
    while (next < jobs.length && !signal?.aborted) {
      const job = jobs[next++] as BuildJob;
      const result = await execute(job).catch((error: unknown) => crashed(error));
      handedOver = handedOver.then(() => onResult(job, result));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  await handedOver;
  return { notStarted: jobs.slice(next) };
}

export function crashed(error: unknown): JobResult {
  return { ok: false, diagnostics: [], error: error instanceof Error ? error.message : String(error) };
}
