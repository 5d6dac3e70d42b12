/**
 * The run history, output/runs.jsonl: one JSON line per scheduled run, appended. Appending one
 * line with one write keeps earlier lines intact even if the process dies mid-run; a reader skips
 * a torn last line rather than failing.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchSummary } from '../batch/batch.js';
import type { DistributionReport } from '../distribute/after-publish.js';

export const runsFileName = 'runs.jsonl';

export interface RunRecord {
  schedule: string;
  start: string;
  end: string;
  built: number;
  unchanged: number;
  failed: { id: string; source: string; reasons: string[]; attempts: number }[];
  /** Briefs not started because the scheduler was stopped during the run. */
  notStarted: string[];
  builtIds: string[];
  /** Deliveries after the run (docs/distribution.md); failures stay in output/outbox.json. */
  distribution?: { publications: number; delivered: number; failed: DistributionReport['failed'] };
}

export function runRecord(
  schedule: string,
  summary: BatchSummary,
  distribution?: DistributionReport,
): RunRecord {
  return {
    ...(distribution
      ? {
          distribution: {
            publications: distribution.publications.length,
            delivered: distribution.delivered,
            failed: distribution.failed,
          },
        }
      : {}),
    schedule,
    start: summary.startedAt,
    end: summary.endedAt,
    built: summary.built.length,
    unchanged: summary.unchanged.length,
    failed: summary.failed.map(({ id, source, reasons, attempts }) => ({ id, source, reasons, attempts })),
    notStarted: summary.notStarted,
    builtIds: summary.built.map((b) => b.id),
  };
}

export function appendRun(outDir: string, record: RunRecord): void {
  mkdirSync(outDir, { recursive: true });
  appendFileSync(join(outDir, runsFileName), `${JSON.stringify(record)}\n`);
}

export function readRuns(outDir: string): RunRecord[] {
  const path = join(outDir, runsFileName);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as RunRecord];
      } catch {
        return [];
      }
    });
}
