/**
 * The configuration: briefsmith.config.{ts,json,yaml} found in the working folder, validated with
 * errors that name the file, line and key, and merged as defaults < file < environment < flags.
 */
import { availableParallelism } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.js';
import { runCli, tempDir } from '../batch/fixtures.js';

function folderWith(name: string, text: string): string {
  const dir = tempDir('config');
  writeFileSync(join(dir, name), text);
  return dir;
}

describe('configuration', () => {
  it('applies defaults when there is no config file', async () => {
    const dir = tempDir('config');
    const config = await resolveConfig({ cwd: dir, env: {} });
    expect(config).toMatchObject({ out: join(dir, 'output'), pageSize: 'A4', keep: 5, schedules: [] });
    expect(config.jobs).toBe(availableParallelism());
    expect(config.file).toBeUndefined();
  });

  it('loads a TypeScript config written with defineConfig from briefsmith/config', async () => {
    const dir = folderWith(
      'briefsmith.config.ts',
      `import { defineConfig } from 'briefsmith/config';
const hours: number = 6;
export default defineConfig({
  out: 'public/briefs',
  keep: 2,
  schedules: [{ name: 'morning', cron: \`0 \${hours} * * 1-5\`, briefs: 'data/*.yaml', timezone: 'Europe/Berlin' }],
});
`,
    );
    const config = await resolveConfig({ cwd: dir, env: {} });
    expect(config.file).toBe(join(dir, 'briefsmith.config.ts'));
    expect(config.out).toBe(join(dir, 'public/briefs'));
    expect(config.keep).toBe(2);
    expect(config.schedules[0]).toMatchObject({ name: 'morning', cron: '0 6 * * 1-5', force: false });
  });

  it('merges defaults < config file < environment < flags', async () => {
    const dir = folderWith(
      'briefsmith.config.json',
      JSON.stringify({ out: 'from-file', jobs: 3, pageSize: 'Letter', keep: 7 }),
    );
    const config = await resolveConfig({
      cwd: dir,
      env: { BRIEFSMITH_OUT: 'from-env', BRIEFSMITH_JOBS: '2', BRIEFSMITH_KEEP: '1' },
      flags: { out: 'from-flag' },
    });
    expect(config).toMatchObject({ out: join(dir, 'from-flag'), jobs: 2, pageSize: 'Letter', keep: 1 });
    expect(config.retry).toEqual({ retries: 2, delayMs: 30_000 });
  });

  it('names the file, line, column and key of an invalid value', async () => {
    const dir = folderWith(
      'briefsmith.config.yaml',
      `out: out
jobs: 0
schedules:
  - name: nightly
    cron: 'every night'
    briefs: data/*.yaml
    timezone: Mars/Olympus
`,
    );
    const error = await resolveConfig({ cwd: dir, env: {} }).catch((e: Error) => e);
    const message = (error as Error).message;
    const file = join(dir, 'briefsmith.config.yaml');
    expect(message).toContain(`${file}:2:1: jobs: Too small`);
    expect(message).toContain(`${file}:5:5: schedules[0].cron: invalid cron expression "every night"`);
    expect(message).toContain(`${file}:7:5: schedules[0].timezone: not an IANA time zone`);
  });

  it('rejects unknown keys and bad environment values, naming them', async () => {
    const dir = folderWith('briefsmith.config.json', '{\n  "output": "x"\n}\n');
    await expect(resolveConfig({ cwd: dir, env: {} })).rejects.toThrow(
      /briefsmith\.config\.json:2:3: output: unknown key; known keys here: out, data,/,
    );
    const clean = tempDir('config');
    await expect(resolveConfig({ cwd: clean, env: { BRIEFSMITH_JOBS: 'many' } })).rejects.toThrow(
      'BRIEFSMITH_JOBS: expected a whole number ≥ 1, got "many"',
    );
  });

  it('makes the CLI exit 2 with the message on an invalid config', async () => {
    const dir = folderWith('briefsmith.config.yaml', 'pageSize: A3\n');
    const result = await runCli(['build', 'nothing-here'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('briefsmith.config.yaml:1:1: pageSize: Invalid option');
  });
});
