/**
 * Schedules with an injected clock: no real waiting for cron times or retry back-off. Runs are
 * real (the pipeline renders PDFs in-process through the InlineRunner); `--once` and SIGTERM go
 * through the real CLI.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchEvent } from '../../src/batch/batch.js';
import { resolveConfig, type ResolvedConfig } from '../../src/config/load.js';
import { InlineRunner } from '../../src/jobs/inline-runner.js';
import { ManualClock } from '../../src/schedule/clock.js';
import { readRuns } from '../../src/schedule/history.js';
import { runSchedule } from '../../src/schedule/run.js';
import { Scheduler, type SchedulerEvent } from '../../src/schedule/scheduler.js';
import { invalidBriefs, repoRoot, runCli, tempDir, variation } from './fixtures.js';

function writeProject(briefs: Record<string, string>, config: string): string {
  const dir = tempDir('schedule');
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  for (const [id, text] of Object.entries(briefs)) writeFileSync(join(data, `${id}.yaml`), text);
  writeFileSync(join(dir, 'briefsmith.config.yaml'), config);
  return dir;
}

const config = (cron: string) => `
out: out
retry: { retries: 2, delayMs: 60000 }
schedules:
  - name: nightly
    cron: '${cron}'
    briefs: data/*.yaml
    timezone: Europe/Berlin
`;

function scheduler(
  cfg: ResolvedConfig,
  clock: ManualClock,
  events: SchedulerEvent[],
  onBatch?: (e: BatchEvent) => void,
) {
  const runner = new InlineRunner();
  return new Scheduler({
    schedules: cfg.schedules,
    clock,
    run: async (schedule, signal) => {
      await runSchedule(schedule, {
        config: cfg,
        runner,
        clock,
        signal,
        ...(onBatch ? { onEvent: onBatch } : {}),
      });
    },
    onEvent: (event) => events.push(event),
  });
}

describe('briefsmith schedule (injected clock)', () => {
  it('arms at the next cron time in the schedule time zone, never overlaps, and records each run', async () => {
    const dir = writeProject({ a: variation(1), b: variation(2) }, config('0 2 * * *'));
    const cfg = await resolveConfig({ cwd: dir, env: {} });
    const clock = new ManualClock(new Date('2026-01-10T00:00:00Z'));
    const events: SchedulerEvent[] = [];
    const s = scheduler(cfg, clock, events);
    s.start();
    expect(events[0]).toEqual({ type: 'armed', schedule: 'nightly', next: new Date('2026-01-10T01:00:00Z') });

    clock.advance(60 * 60 * 1000); // 02:00 in Berlin: the run starts
    expect(s.isRunning('nightly')).toBe(true);
    clock.advance(24 * 60 * 60 * 1000); // the next night's tick arrives while the run still renders
    expect(events.filter((e) => e.type === 'skipped')).toHaveLength(1);
    await s.idle();
    clock.advance(24 * 60 * 60 * 1000); // the night after: a second, incremental run
    await s.idle();
    await s.stop();

    const runs = readRuns(join(dir, 'out'));
    expect(runs.map((r) => [r.schedule, r.built, r.unchanged, r.failed.length])).toEqual([
      ['nightly', 2, 0, 0],
      ['nightly', 0, 2, 0],
    ]);
    expect(runs[0]?.start).toBe('2026-01-10T01:00:00.000Z');
    expect(events.filter((e) => e.type === 'started')).toHaveLength(2);
  }, 120_000);

  it('retries a failed brief with doubling back-off, then reports the ones that still fail', async () => {
    const dir = writeProject(
      { fixable: invalidBriefs['bad-syntax'] as string, broken: invalidBriefs['bad-schema'] as string },
      config('0 2 * * *'),
    );
    const cfg = await resolveConfig({ cwd: dir, env: {} });
    const clock = new ManualClock(new Date('2026-01-10T00:00:00Z'));
    const delays: number[] = [];
    const summary = await runSchedule(cfg.schedules[0]!, {
      config: cfg,
      runner: new InlineRunner(),
      clock,
      onEvent: (event) => {
        if (event.type !== 'retrying') return;
        delays.push(event.delayMs);
        // The export that was writing the file finishes during the back-off.
        writeFileSync(join(dir, 'data/fixable.yaml'), variation(7));
        setImmediate(() => clock.advance(event.delayMs));
      },
    });
    expect(delays).toEqual([60_000, 120_000]);
    expect(summary.built.map((b) => b.id)).toEqual(['fixable']);
    expect(summary.failed.map((f) => [f.id, f.attempts])).toEqual([['broken', 3]]);
    const [run] = readRuns(join(dir, 'out'));
    expect(run?.failed[0]?.reasons.join('\n')).toContain('indications');
    expect(Date.parse(run!.end) - Date.parse(run!.start)).toBe(180_000); // clock time, not real time
  }, 120_000);

  it('runs two different schedules at the same time into one output folder', async () => {
    const dir = writeProject(
      { 'am-1': variation(1), 'pm-1': variation(2) },
      `out: out
schedules:
  - { name: morning, cron: '0 6 * * *', briefs: 'data/am-*.yaml', timezone: UTC }
  - { name: also-morning, cron: '0 6 * * *', briefs: 'data/pm-*.yaml', timezone: UTC }
`,
    );
    const cfg = await resolveConfig({ cwd: dir, env: {} });
    const clock = new ManualClock(new Date('2026-01-10T00:00:00Z'));
    const events: SchedulerEvent[] = [];
    const s = scheduler(cfg, clock, events);
    s.start();
    clock.advance(6 * 60 * 60 * 1000);
    expect(s.isRunning('morning') && s.isRunning('also-morning')).toBe(true);
    await s.idle();
    await s.stop();
    expect(events.filter((e) => e.type === 'error')).toEqual([]);
    const runs = readRuns(join(dir, 'out'));
    expect(runs.map((r) => [r.schedule, r.builtIds]).sort()).toEqual([
      ['also-morning', ['pm-1']],
      ['morning', ['am-1']],
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'out/manifest.json'), 'utf8')) as {
      briefs: { id: string }[];
    };
    expect(manifest.briefs.map((b) => b.id)).toEqual(['am-1', 'pm-1']);
  }, 120_000);

  it('stops after the brief in progress when told to stop', async () => {
    const dir = writeProject(
      { a: variation(1), b: variation(2), c: variation(3), d: variation(4) },
      config('0 2 * * *'),
    );
    const cfg = await resolveConfig({ cwd: dir, env: {} });
    const clock = new ManualClock(new Date('2026-01-10T00:00:00Z'));
    const events: SchedulerEvent[] = [];
    const stopped: Promise<void>[] = [];
    const s: Scheduler = scheduler(cfg, clock, events, (event) => {
      if (event.type === 'built') stopped.push(s.stop());
    });
    s.start();
    clock.advance(60 * 60 * 1000);
    await s.idle();
    await Promise.all(stopped);
    const [run] = readRuns(join(dir, 'out'));
    // Stop is asked when brief a is published; b is already rendering, so it finishes too.
    expect(run?.builtIds).toEqual(['a', 'b']);
    expect(run?.notStarted).toEqual(['c', 'd']);
  }, 120_000);
});

describe('briefsmith schedule through the CLI', () => {
  it('--once runs one schedule now and appends it to runs.jsonl', async () => {
    const dir = writeProject(
      { a: variation(1), bad: invalidBriefs['bad-syntax'] as string },
      config('0 2 * * *').replace('60000', '0'),
    );
    const result = await runCli(['schedule', '--once', 'nightly'], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('nightly: 1 built, 0 unchanged, 1 failed');
    const runs = readRuns(join(dir, 'out'));
    expect(runs).toHaveLength(1);
    expect(runs[0]?.failed[0]).toMatchObject({ id: 'bad', attempts: 3 });
    const unknown = await runCli(['schedule', '--once', 'weekly'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no schedule "weekly"; schedules are: nightly');
  }, 120_000);

  it('stops cleanly on SIGTERM after the brief in progress', async () => {
    const briefs = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`b${i}`, variation(i)]));
    const dir = writeProject(
      briefs,
      config('* * * * * *').replace('timezone: Europe/Berlin', 'timezone: UTC'),
    );
    const child = spawn(process.execPath, [join(repoRoot, 'bin/briefsmith.js'), 'schedule', '--jobs', '1'], {
      cwd: dir,
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code, signal) => resolve(code ?? (signal as unknown as number))),
    );
    await new Promise<void>((resolve) => {
      const limit = setTimeout(resolve, 60_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('✓ ') && !child.killed) {
          clearTimeout(limit);
          child.kill('SIGTERM');
          resolve();
        }
      });
    });
    expect(await exited, stderr + stdout).toBe(0);
    expect(stdout).toContain('stopping after the briefs in progress');
    const runs = readRuns(join(dir, 'out'));
    expect(runs).toHaveLength(1);
    expect(runs[0]!.built + runs[0]!.notStarted.length).toBe(6);
    expect(runs[0]!.notStarted.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'out/manifest.json'), 'utf8')).toContain('"b0"');
  }, 120_000);
});
