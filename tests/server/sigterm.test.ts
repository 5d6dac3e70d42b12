/**
 * Graceful shutdown of the real CLI process: `briefsmith serve --port 0` prints its address in
 * a JSON log line on stdout; a render is started, SIGTERM is sent while it runs, the render's
 * response still arrives whole, and the process exits with 0.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeWorkspace,
  pdfPageCount,
  postBrief,
  referenceBriefText,
  repoRoot,
  startsWithPdfHeader,
  type Workspace,
} from './helpers.js';

interface LogLine {
  msg?: string;
  url?: string;
  reqId?: string;
  level?: number;
}

describe('briefsmith serve under SIGTERM', () => {
  let workspace: Workspace;
  let child: ChildProcessWithoutNullStreams | undefined;

  beforeAll(() => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
  });

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    workspace.remove();
  });

  it('finishes the in-flight render, refuses new work and exits 0', { timeout: 60_000 }, async () => {
    child = spawn(
      process.execPath,
      ['bin/briefsmith.js', 'serve', '--port', '0', '--data', workspace.dataDir, '--out', workspace.outDir],
      { cwd: repoRoot, env: { ...process.env, BRIEFSMITH_API_KEY: '' } },
    );
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const logs: LogLine[] = [];
    const waiters: { test: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as LogLine;
      logs.push(line);
      for (const waiter of waiters.filter((w) => w.test(line))) waiter.resolve(line);
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const nextLog = (test: (line: LogLine) => boolean) =>
      new Promise<LogLine>((resolve, reject) => {
        const seen = logs.find(test);
        if (seen) return resolve(seen);
        waiters.push({ test, resolve });
        void exited.then(() => reject(new Error(`server exited early: ${stderr}`)));
      });

    const listening = await nextLog((l) => l.msg === 'briefsmith serve listening');
    const url = listening.url!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const inFlight = postBrief(url, referenceBriefText);
    await nextLog((l) => l.msg === 'render queued');
    child.kill('SIGTERM');
    await nextLog((l) => l.msg === 'shutting down');

    const response = await inFlight;
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(startsWithPdfHeader(bytes)).toBe(true);
    expect(await pdfPageCount(bytes)).toBeGreaterThan(0);

    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    expect(logs.some((l) => l.msg === 'stopped')).toBe(true);
    const rendered = logs.find((l) => l.msg === 'rendered');
    expect(rendered?.reqId).toBeTruthy();
    expect(stderr).toBe('');
  });

  it('exits 2 with a clear message for a missing data folder or a port in use', async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const process_ = spawn(process.execPath, ['bin/briefsmith.js', 'serve', ...args], { cwd: repoRoot });
        let stderr = '';
        process_.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        process_.once('exit', (code) => resolve({ code, stderr }));
      });
    const missing = await run(['--data', join(workspace.root, 'nope')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('data folder not found');
    const blocker = createNetServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as AddressInfo;
    try {
      const busy = await run([
        '--port',
        String(port),
        '--data',
        workspace.dataDir,
        '--out',
        workspace.outDir,
      ]);
      expect(busy.code).toBe(2);
      expect(busy.stderr).toContain('cannot listen on 127.0.0.1');
    } finally {
      blocker.close();
    }
  });
});
