/**
 * The terminal progress bar: counts of built, unchanged and failed briefs, rate and time left,
 * then the failures and the summary. Drawn to a captured stream instead of a terminal.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { BatchSummary } from '../../src/batch/batch.js';
import { createReporter } from '../../src/cli/progress.js';
import type { ManifestEntry } from '../../src/publish/manifest.js';

const entry: ManifestEntry = {
  id: 'a',
  title: 'A',
  issued: '2025-12',
  version: 1,
  file: 'a.pdf',
  sha256: '0'.repeat(64),
  bytes: 2048,
  pages: 6,
  inputsHash: 'h',
  builtAt: '2026-01-01T00:00:00.000Z',
  source: 'data/a.yaml',
  diagnostics: { errors: 0, warnings: 0, infos: 0 },
};

describe('progress bar reporter', () => {
  it('draws done/total, the counts, the rate and the time left, then the summary', () => {
    const stream = new PassThrough();
    let drawn = '';
    stream.on('data', (chunk: Buffer) => (drawn += chunk.toString()));
    const logged: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void logged.push(line));
    const error = vi.spyOn(console, 'error').mockImplementation((line: string) => void logged.push(line));
    try {
      const reporter = createReporter('out', { tty: true, stream });
      const failure = {
        id: 'c',
        source: 'data/c.yaml',
        reasons: ['data/c.yaml:1:1 error syntax …'],
        diagnostics: [],
        attempts: 1,
      };
      reporter.event({ type: 'planned', total: 3, toBuild: 2, unchanged: 1 });
      reporter.event({ type: 'unchanged', id: 'b', reason: 'up to date' });
      reporter.event({
        type: 'built',
        id: 'a',
        source: 'data/a.yaml',
        entry,
        changed: true,
        reason: 'new',
        diagnostics: [],
      });
      reporter.event({ type: 'failed', id: 'c', failure, final: true });
      const summary: BatchSummary = {
        startedAt: '',
        endedAt: '',
        built: [{ id: 'a', version: 1, changed: true, reason: 'new' }],
        unchanged: [{ id: 'b', reason: 'up to date' }],
        failed: [failure],
        notStarted: [],
      };
      reporter.finish(summary);
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
    expect(drawn).toMatch(/3\/3 \| built 1 · unchanged 1 · failed 1 \| [\d.]+\/s \| ETA \d+s/);
    expect(logged).toContain('✗ data/c.yaml: not built (1 problem(s))');
    expect(logged).toContain('1 built, 1 unchanged, 1 failed');
  });
});
