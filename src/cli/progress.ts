/**
 * How a batch looks to a person. On a terminal: a progress bar (done, failed, rate, time left) and
 * the problems after it. Elsewhere (CI, logs, pipes): one plain line per brief, as it finishes.
 * Both end with the same summary: built, unchanged, failed with their reasons.
 */
import { join, relative } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { BatchEvent, BatchSummary, FailedBrief } from '../batch/batch.js';
import { diagnosticLine, type Diagnostic } from '../errors/diagnostic.js';
import { formatBytes } from './build.js';
import { printDiagnostics } from './report.js';

export interface Reporter {
  event(event: BatchEvent): void;
  finish(summary: BatchSummary): void;
}

export interface ReporterOptions {
  /** Draw a progress bar (default: when stdout is a terminal). */
  tty?: boolean;
  /** Where the bar is drawn (default stderr); tests pass their own stream. */
  stream?: NodeJS.WritableStream;
  /** Leave out the line per unchanged brief (watch mode rebuilds one brief among hundreds). */
  quietUnchanged?: boolean;
}

export function createReporter(outDir: string, options: ReporterOptions = {}): Reporter {
  const tty = options.tty ?? process.stdout.isTTY === true;
  return tty ? new BarReporter(options.stream) : new LineReporter(outDir, options.quietUnchanged ?? false);
}

class LineReporter implements Reporter {
  constructor(
    private readonly outDir: string,
    private readonly quietUnchanged: boolean,
  ) {}

  event(event: BatchEvent): void {
    switch (event.type) {
      case 'planned':
        console.log(`${event.total} brief(s): ${event.toBuild} to build, ${event.unchanged} unchanged`);
        break;
      case 'unchanged':
        if (!this.quietUnchanged) console.log(`= ${event.id}: unchanged (${event.reason})`);
        break;
      case 'built': {
        const { entry } = event;
        const what = event.changed ? `version ${entry.version}` : `version ${entry.version}, same bytes`;
        console.log(
          `✓ ${relative(process.cwd(), join(this.outDir, entry.file)) || entry.file}  ${entry.pages} pages  ${formatBytes(entry.bytes)}  ${what} (${event.reason})`,
        );
        printFindings(event.source, event.diagnostics);
        break;
      }
      case 'failed':
        printFailure(event.failure, event.final, event.source);
        break;
      case 'retrying':
        console.log(
          `… retrying ${event.ids.join(', ')} in ${Math.round(event.delayMs / 1000)} s (attempt ${event.attempt + 1})`,
        );
        break;
    }
  }

  finish(summary: BatchSummary): void {
    printSummary(summary);
  }
}

class BarReporter implements Reporter {
  private readonly bar: SingleBar;
  private readonly counts = { built: 0, unchanged: 0, failed: 0 };
  private readonly started = Date.now();
  private readonly failures: { failure: FailedBrief; source?: { text: string } }[] = [];
  private readonly findings: { source: string; diagnostics: Diagnostic[] }[] = [];

  constructor(stream?: NodeJS.WritableStream) {
    this.bar = new SingleBar({
      format:
        '{bar} {value}/{total} | built {built} · unchanged {unchanged} · failed {failed} | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 20,
      ...(stream ? { stream, noTTYOutput: true, notTTYSchedule: 50 } : {}),
    });
  }

  event(event: BatchEvent): void {
    if (event.type === 'planned') {
      this.bar.start(event.total, 0, { ...this.counts, rate: '0.0' });
      return;
    }
    if (event.type === 'retrying') return;
    if (event.type === 'failed' && !event.final) return;
    if (event.type === 'built') {
      this.counts.built++;
      if (event.diagnostics.length > 0)
        this.findings.push({ source: event.source, diagnostics: event.diagnostics });
    }
    if (event.type === 'unchanged') this.counts.unchanged++;
    if (event.type === 'failed') {
      this.counts.failed++;
      this.failures.push({ failure: event.failure, ...(event.source ? { source: event.source } : {}) });
    }
    const seconds = Math.max(0.001, (Date.now() - this.started) / 1000);
    this.bar.increment({ ...this.counts, rate: (this.counts.built / seconds).toFixed(1) });
  }

  finish(summary: BatchSummary): void {
    this.bar.stop();
    for (const { source, diagnostics } of this.findings) printFindings(source, diagnostics);
    for (const { failure, source } of this.failures) printFailure(failure, true, source);
    printSummary(summary);
  }
}

/**
 * Warnings of a built brief, one line each; `briefsmith validate` shows them with code frames
 * and fixes, so the build log stays readable.
 */
function printFindings(source: string, diagnostics: readonly Diagnostic[]): void {
  if (diagnostics.length === 0) return;
  for (const d of diagnostics) console.error(diagnosticLine(d, { regradeReason: false }));
  console.error(
    `  hint: ${diagnostics.length} finding(s) in ${source}; \`briefsmith validate ${source}\` explains each with a fix`,
  );
}

function printFailure(failure: FailedBrief, final: boolean, source?: { text: string }): void {
  if (failure.diagnostics.length > 0) printDiagnostics(failure.diagnostics, source);
  else for (const reason of failure.reasons) console.error(reason);
  const verdict = final ? 'not built' : 'failed, will retry';
  console.error(`✗ ${failure.source}: ${verdict} (${failure.reasons.length} problem(s))`);
}

function printSummary(summary: BatchSummary): void {
  const parts = [
    `${summary.built.length} built`,
    `${summary.unchanged.length} unchanged`,
    `${summary.failed.length} failed`,
  ];
  if (summary.notStarted.length > 0) parts.push(`${summary.notStarted.length} not started (stopped)`);
  console.log(parts.join(', '));
  for (const failed of summary.failed) {
    console.log(`  failed ${failed.source}: ${failed.reasons[0] ?? 'unknown reason'}`);
    for (const reason of failed.reasons.slice(1)) console.log(`         ${reason}`);
  }
}
