/**
 * "Rendering reads no file outside the fonts and templates it is given": a real, fresh CLI
 * process builds the Cenersen brief with every file read traced, and nothing under
 * node_modules may be read but code and the font files.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { fontFilePaths } from '../../src/pdf/fonts.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');

test('a cold build reads, from installed packages, only their code and the fonts', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'briefsmith-reads-'));
  try {
    const trace = join(folder, 'reads.txt');
    await run(
      process.execPath,
      [
        '--require',
        join(root, 'tests/fixtures/support/trace-reads.cjs'),
        join(root, 'bin/briefsmith.js'),
        'build',
        join(root, 'data/cenersen.yaml'),
        '--out',
        join(folder, 'out'),
      ],
      {
        cwd: root,
        env: { ...process.env, TRACE_READS_TO: trace, BRIEFSMITH_CACHE_DIR: join(folder, 'cache') },
      },
    );
    const reads = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
    const fonts = new Set(fontFilePaths());
    const fromPackages = reads.filter((path) => path.includes('/node_modules/'));
    expect(fromPackages.filter((path) => fonts.has(path)).length).toBeGreaterThan(0);
    const unexpected = fromPackages.filter(
      (path) => !fonts.has(path) && !/\.(c|m)?js$|\.json$|\.node$/.test(path),
    );
    expect(unexpected).toEqual([]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
