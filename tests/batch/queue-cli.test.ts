/**
 * Teams that outgrow one machine: `briefsmith build` with a `queue` in the config sends its jobs
 * to a real redis-server (started here on 127.0.0.1), two `briefsmith worker` processes render
 * them, and the build publishes every PDF. The workers stop cleanly on SIGTERM.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedis, type RunningRedis } from '../helpers/redis.js';
import { checkOutputWhole, tempDir, writeBatch } from './fixtures.js';

const run = promisify(execFile);
const cli = join(import.meta.dirname, '../../bin/briefsmith.js');

/** Resolves with the worker's output once it says it is ready (bounded: 20 s). */
function startWorker(
  dir: string,
  args: string[] = [],
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [cli, 'worker', ...args], { cwd: dir });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error(`worker not ready: ${output}`)), 20_000);
    child.stdout?.on('data', () => {
      if (output.includes('worker ready')) {
        clearTimeout(limit);
        resolve({ child, output: () => output });
      }
    });
  });
}

describe('build through a Redis queue with `briefsmith worker`', () => {
  let redis: RunningRedis;
  let dir: string;
  let workers: { child: ChildProcess; output: () => string }[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const { port } = redis;
    dir = tempDir('queue-cli');
    writeFileSync(
      join(dir, 'briefsmith.config.json'),
      JSON.stringify({
        out: 'out',
        queue: { redis: `redis://127.0.0.1:${port}`, name: 'test-queue', concurrency: 4 },
      }),
    );
    workers = [await startWorker(dir), await startWorker(dir, ['--concurrency', '2'])];
  }, 60_000);

  afterAll(() => {
    for (const worker of workers) worker.child.kill('SIGKILL');
    redis?.stop();
  });

  it('renders on the workers and publishes every brief', async () => {
    const { dataDir, valid, invalid } = writeBatch(dir, 6);
    const result = await run(process.execPath, [cli, 'build', dataDir], { cwd: dir }).catch((error) => error);
    expect(result.code ?? 0).toBe(invalid.length > 0 ? 1 : 0);
    expect(result.stdout).toContain(`${valid.length} built, 0 unchanged, ${invalid.length} failed`);
    checkOutputWhole(join(dir, 'out'));
    const rendered = workers.map((w) => (w.output().match(/✓ rendered/g) ?? []).length);
    expect(rendered.reduce((a, b) => a + b, 0)).toBe(valid.length);
    expect(rendered.every((count) => count > 0)).toBe(true);
  }, 120_000);

  it('a worker stops cleanly on SIGTERM', async () => {
    const worker = workers[0]!;
    const exited = new Promise<number | null>((resolve) => worker.child.on('close', resolve));
    worker.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(worker.output()).toContain('stopping after the jobs in hand');
  }, 30_000);
});

describe('an unreachable Redis', () => {
  it('is a clear error (exit 3) for build and worker, not a wait without end', async () => {
    const port = await freePort(); // nothing listens there
    const dir = tempDir('queue-down');
    writeFileSync(
      join(dir, 'briefsmith.config.json'),
      JSON.stringify({ queue: { redis: `redis://127.0.0.1:${port}` } }),
    );
    const { dataDir } = writeBatch(dir, 1);
    for (const args of [['build', dataDir], ['worker']]) {
      const result = await run(process.execPath, [cli, ...args], { cwd: dir, timeout: 30_000 }).catch(
        (error) => error,
      );
      expect(result.code, args.join(' ')).toBe(3);
      expect(result.stderr).toContain(`cannot reach Redis at redis://127.0.0.1:${port}`);
    }
  }, 90_000);
});
