/**
 * Crash safety: a child process building a batch is killed with SIGKILL at several points (during
 * start-up, mid-batch, while publishing). After each kill every PDF in the output folder parses and
 * has a sha256 the manifest names for it, and manifest.json is valid JSON with a valid schema.
 * Between kills the data changes, so every run publishes new versions (the longest write path).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkOutputWhole,
  readManifestFile,
  repoRoot,
  runCli,
  tempDir,
  variation,
  writeBatch,
} from './fixtures.js';

/** When to kill: after start (start-up, planning) or after the first brief was published. */
const killPoints: { from: 'start' | 'first-publish'; afterMs: number }[] = [
  { from: 'start', afterMs: 100 },
  { from: 'start', afterMs: 400 },
  { from: 'start', afterMs: 900 },
  { from: 'first-publish', afterMs: 0 },
  { from: 'first-publish', afterMs: 150 },
  { from: 'first-publish', afterMs: 400 },
  { from: 'first-publish', afterMs: 800 },
  { from: 'first-publish', afterMs: 1300 },
];

function buildAndKill(args: string[], cwd: string, point: (typeof killPoints)[number]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/briefsmith.js'), ...args], { cwd });
    let timer: NodeJS.Timeout | undefined;
    const killLater = () => (timer ??= setTimeout(() => child.kill('SIGKILL'), point.afterMs));
    if (point.from === 'start') killLater();
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('✓ ')) killLater();
    });
    child.stderr.resume();
    const limit = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      clearTimeout(limit);
      resolve();
    });
  });
}

describe('a batch killed with SIGKILL', () => {
  it('leaves every PDF whole and named by a valid manifest, at every kill point', async () => {
    const dir = tempDir('crash');
    const out = join(dir, 'out');
    const { dataDir, valid } = writeBatch(dir, 12);
    let checked = 0;
    for (const [round, point] of killPoints.entries()) {
      valid.forEach((id, i) => writeFileSync(join(dataDir, `${id}.yaml`), variation(i, ` round ${round}`)));
      await buildAndKill(['build', dataDir, '--out', out, '--jobs', '2', '--keep', '2'], dir, point);
      if (!existsSync(join(out, 'manifest.json'))) continue; // killed before the first publish
      expect(() => JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'))).not.toThrow();
      const whole = await checkOutputWhole(out);
      expect(whole.problems, `after a kill ${point.afterMs} ms after ${point.from}`).toEqual([]);
      checked += whole.pdfs;
    }
    expect(checked).toBeGreaterThan(0); // kills landed after publishing had started
    // Several rounds published new versions before being killed.
    expect(readManifestFile(out).briefs.some((b) => b.version > 2)).toBe(true);

    // A clean run afterwards repairs the rest: every brief current, nothing pending.
    const finished = await runCli(['build', dataDir, '--out', out, '--jobs', '2', '--keep', '2'], {
      cwd: dir,
    });
    expect(finished.stdout).toMatch(/\d+ built, \d+ unchanged, 3 failed/);
    const manifest = readManifestFile(out);
    expect(Object.keys(manifest.pending ?? {})).toEqual([]);
    expect(manifest.briefs.map((b) => b.id).sort()).toEqual(valid);
    const whole = await checkOutputWhole(out);
    expect(whole.problems).toEqual([]);
    expect(existsSync(join(out, '.briefsmith.lock'))).toBe(false);
  }, 300_000);
});
