/**
 * A batch: many briefs planned, built by a `JobRunner`, and published by the calling thread
 * alone. Used by `briefsmith build`, `--watch` and `schedule`. One brief failing never stops the
 * others; with `retry`, failed briefs are re-read and rebuilt after a growing delay (a data file
 * caught half-written by an export job is the usual case) before being reported.
 */
import type { Diagnostic } from '../errors/diagnostic.js';
import { formatDiagnostic } from '../errors/diagnostic.js';
import { briefId, readBriefFile, type BriefSource } from '../io/files.js';
import type { BuildJob, JobResult, JobRunner } from '../jobs/runner.js';
import type { IntegrityConfig } from '../integrity/config.js';
import type { PageSize } from '../pdf/assemble.js';
import type { ManifestEntry } from '../publish/manifest.js';
import type { Publisher } from '../publish/publisher.js';
import { briefInputsHash, decide, hashSettings, type TemplateSnapshot } from './plan.js';

export interface RetryPolicy {
  /** Extra attempts after the first (0 = no retry). */
  retries: number;
  /** Delay before the first retry; doubles each time. */
  delayMs: number;
  /** Injected so tests need no real waiting; resolves early (or not at all) on abort. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface BatchOptions {
  files: readonly string[];
  runner: JobRunner;
  publisher: Publisher;
  templates: TemplateSnapshot;
  pageSize: PageSize;
  integrity?: IntegrityConfig;
  dataNotes?: boolean;
  force?: boolean;
  signal?: AbortSignal;
  retry?: RetryPolicy;
  onEvent?: (event: BatchEvent) => void;
  now?: () => Date;
}

export interface FailedBrief {
  id: string;
  source: string;
  /** One line per problem: diagnostics formatted compiler-style, or the unexpected error. */
  reasons: string[];
  diagnostics: Diagnostic[];
  attempts: number;
}

export interface BatchSummary {
  startedAt: string;
  endedAt: string;
  built: { id: string; version: number; changed: boolean; reason: string }[];
  unchanged: { id: string; reason: string }[];
  failed: FailedBrief[];
  /** Briefs not started because the batch was stopped (SIGTERM). */
  notStarted: string[];
}

export type BatchEvent =
  | { type: 'planned'; total: number; toBuild: number; unchanged: number }
  | { type: 'unchanged'; id: string; reason: string }
  | {
      type: 'built';
      id: string;
      source: string;
      entry: ManifestEntry;
      changed: boolean;
      reason: string;
      /** Warnings and notes about the data (errors stop a brief, so none are here). */
      diagnostics: Diagnostic[];
    }
  | { type: 'failed'; id: string; failure: FailedBrief; final: boolean; source?: BriefSource }
  | { type: 'retrying'; ids: string[]; attempt: number; delayMs: number };

export async function runBatch(options: BatchOptions): Promise<BatchSummary> {
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => undefined);
  const summary: BatchSummary = {
    startedAt: now().toISOString(),
    endedAt: '',
    built: [],
    unchanged: [],
    failed: [],
    notStarted: [],
  };
  const { sources, unreadable } = readSources(options.files);
  const duplicates = duplicateIds(sources);
  const jobs: { job: BuildJob; reason: string; source: BriefSource }[] = [];
  const preFailed: FailedBrief[] = [...unreadable];
  for (const source of sources) {
    if (duplicates.has(source.id)) {
      preFailed.push(
        failure(source, [
          `two data files publish as ${source.id}.pdf: ${duplicates.get(source.id)?.join(', ')}; rename one`,
        ]),
      );
      continue;
    }
    const decision = decide(source.text, options.publisher.entry(source.id), {
      pdfMatches: (entry) => options.publisher.pdfMatches(entry),
      snapshot: options.templates,
      pageSize: options.pageSize,
      settings: renderSettings(options),
      force: options.force ?? false,
    });
    if (decision.build) jobs.push({ job: jobFor(source, options), reason: decision.reason, source });
    else summary.unchanged.push({ id: source.id, reason: decision.reason });
  }
  emit({
    type: 'planned',
    total: sources.length + unreadable.length,
    toBuild: jobs.length + preFailed.length,
    unchanged: summary.unchanged.length,
  });
  for (const item of summary.unchanged) emit({ type: 'unchanged', ...item });
  for (const failed of preFailed) {
    summary.failed.push(failed);
    emit({ type: 'failed', id: failed.id, failure: failed, final: true });
  }
  await buildWithRetries(jobs, options, summary, emit);
  summary.endedAt = now().toISOString();
  return summary;
}

async function buildWithRetries(
  initial: { job: BuildJob; reason: string; source: BriefSource }[],
  options: BatchOptions,
  summary: BatchSummary,
  emit: (event: BatchEvent) => void,
): Promise<void> {
  const retries = options.retry?.retries ?? 0;
  let pending = initial;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const final = attempt > retries;
    const failedNow: { job: BuildJob; reason: string; source: BriefSource; failure: FailedBrief }[] = [];
    const bySource = new Map(pending.map((p) => [p.job, p]));
    const report = await options.runner.run(
      pending.map((p) => p.job),
      (job, result) => {
        const item = bySource.get(job) as (typeof pending)[number];
        const outcome = publishResult(item, result, options, attempt);
        if (outcome.ok) {
          summary.built.push(outcome.built);
          emit({
            type: 'built',
            id: job.id,
            source: job.displayPath,
            entry: outcome.entry,
            changed: outcome.built.changed,
            reason: item.reason,
            diagnostics: result.ok ? result.diagnostics : [],
          });
        } else {
          failedNow.push({ ...item, failure: outcome.failure });
          if (final) summary.failed.push(outcome.failure);
          emit({ type: 'failed', id: job.id, failure: outcome.failure, final, source: item.source });
        }
      },
      { signal: options.signal },
    );
    summary.notStarted.push(...report.notStarted.map((j) => j.id));
    if (final || failedNow.length === 0 || options.signal?.aborted || !options.retry) {
      if (!final) summary.failed.push(...failedNow.map((f) => f.failure));
      return;
    }
    const delayMs = options.retry.delayMs * 2 ** (attempt - 1);
    emit({ type: 'retrying', ids: failedNow.map((f) => f.job.id), attempt, delayMs });
    await options.retry.sleep(delayMs, options.signal);
    if (options.signal?.aborted) {
      summary.failed.push(...failedNow.map((f) => f.failure));
      return;
    }
    pending = reread(failedNow, options, summary, emit);
  }
}

/** A retry reads the data file again: the point is to pick up a file that was being rewritten. */
function reread(
  failed: { job: BuildJob; reason: string; source: BriefSource; failure: FailedBrief }[],
  options: BatchOptions,
  summary: BatchSummary,
  emit: (event: BatchEvent) => void,
): { job: BuildJob; reason: string; source: BriefSource }[] {
  const again: { job: BuildJob; reason: string; source: BriefSource }[] = [];
  for (const item of failed) {
    try {
      const source = readBriefFile(item.source.path);
      again.push({ job: jobFor(source, options), reason: item.reason, source });
    } catch (error) {
      const failure = {
        ...item.failure,
        reasons: [(error as Error).message],
        attempts: item.failure.attempts + 1,
      };
      summary.failed.push(failure);
      emit({ type: 'failed', id: item.job.id, failure, final: true });
    }
  }
  return again;
}

function publishResult(
  item: { job: BuildJob; reason: string; source: BriefSource },
  result: JobResult,
  options: BatchOptions,
  attempt: number,
):
  | { ok: true; entry: ManifestEntry; built: BatchSummary['built'][number] }
  | { ok: false; failure: FailedBrief } {
  const { job, source } = item;
  if (!result.ok)
    return {
      ok: false,
      failure: { ...failure(source, reasonsOf(result)), diagnostics: result.diagnostics, attempts: attempt },
    };
  const hash = briefInputsHash(
    job.text,
    result.templatesUsed,
    options.templates,
    job.pageSize,
    renderSettings(options),
  ) as string;
  try {
    const { entry, changed } = options.publisher.publish({
      id: job.id,
      title: result.title,
      issued: result.issued,
      source: job.displayPath,
      pdf: result.pdf,
      pageCount: result.pageCount,
      inputsHash: hash,
      diagnostics: result.diagnostics,
      templates: result.templatesUsed,
    });
    return { ok: true, entry, built: { id: job.id, version: entry.version, changed, reason: item.reason } };
  } catch (error) {
    return { ok: false, failure: { ...failure(source, [(error as Error).message]), attempts: attempt } };
  }
}

function reasonsOf(result: Extract<JobResult, { ok: false }>): string[] {
  const errors = result.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  if (result.error) errors.push(`unexpected error: ${result.error}`);
  return errors.length > 0 ? errors : ['failed without a diagnostic'];
}

function failure(source: Pick<BriefSource, 'id' | 'displayPath'>, reasons: string[]): FailedBrief {
  return { id: source.id, source: source.displayPath, reasons, diagnostics: [], attempts: 1 };
}

function jobFor(source: BriefSource, options: BatchOptions): BuildJob {
  return {
    id: source.id,
    displayPath: source.displayPath,
    text: source.text,
    templates: options.templates.files,
    templatesKey: options.templates.key,
    pageSize: options.pageSize,
    ...(options.integrity ? { integrity: options.integrity } : {}),
    dataNotes: options.dataNotes ?? false,
  };
}

function renderSettings(options: BatchOptions): Record<string, unknown> {
  return hashSettings(options.integrity, options.dataNotes);
}

function readSources(files: readonly string[]): { sources: BriefSource[]; unreadable: FailedBrief[] } {
  const sources: BriefSource[] = [];
  const unreadable: FailedBrief[] = [];
  for (const file of files) {
    try {
      sources.push(readBriefFile(file));
    } catch (error) {
      unreadable.push(failure({ id: briefId(file), displayPath: file }, [(error as Error).message]));
    }
  }
  return { sources, unreadable };
}

function duplicateIds(sources: readonly BriefSource[]): Map<string, string[]> {
  const byId = new Map<string, string[]>();
  for (const s of sources) byId.set(s.id, [...(byId.get(s.id) ?? []), s.displayPath]);
  return new Map([...byId].filter(([, paths]) => paths.length > 1));
}
