/**
 * `build --watch` through the real CLI, bounded in time: an invalid edit prints diagnostics and
 * the watcher keeps going; fixing it rebuilds that brief only; touching a template rebuilds only
 * the briefs that use it; SIGTERM ends it with exit code 0.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { invalidBriefs, repoRoot, tempDir, variation, writeTemplates } from './fixtures.js';

describe('briefsmith build --watch', () => {
  it('rebuilds affected briefs on change and survives an invalid edit', async () => {
    const dir = tempDir('watch');
    const data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'plain.yaml'), variation(0)); // no workflow figure
    writeFileSync(join(data, 'flow.yaml'), variation(1)); // with a workflow figure
    const templates = writeTemplates(dir);
    writeFileSync(join(dir, 'briefsmith.config.json'), JSON.stringify({ watch: { debounceMs: 100 } }));
    const child = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin/briefsmith.js'),
        'build',
        'data',
        '--watch',
        '--out',
        'out',
        '--templates',
        templates,
        '--jobs',
        '1',
      ],
      { cwd: dir },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const guard = setTimeout(() => child.kill('SIGKILL'), 100_000);

    /** Waits (bounded) until the output written after `from` contains `text` `times` times. */
    const waitFor = async (from: number, text: string, times = 1): Promise<string> => {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const fresh = output.slice(from);
        if (fresh.split(text).length - 1 >= times) return fresh;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no "${text}" in:\n${fresh}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    try {
      const initial = await waitFor(0, 'watching');
      expect(initial).toContain('2 built, 0 unchanged, 0 failed');

      let mark = output.length;
      writeFileSync(join(data, 'plain.yaml'), invalidBriefs['bad-syntax'] as string);
      const invalid = await waitFor(mark, 'watching');
      expect(invalid).toMatch(/data\/plain\.yaml:\d+:\d+ error syntax/);
      expect(invalid).toContain('0 built, 1 unchanged, 1 failed');

      mark = output.length;
      writeFileSync(join(data, 'plain.yaml'), variation(0, ' fixed'));
      const fixed = await waitFor(mark, 'watching');
      expect(fixed).toMatch(/✓ out\/plain\.pdf .* version 2 \(inputs changed\)/);
      expect(fixed).toContain('1 built, 1 unchanged, 0 failed');

      mark = output.length;
      appendFileSync(join(templates, 'partials/workflow.hbs'), '\n{{!-- edited --}}\n');
      const touched = await waitFor(mark, 'watching');
      expect(touched).toMatch(/✓ out\/flow\.pdf .*\(inputs changed\)/);
      expect(touched).toContain('1 built, 1 unchanged, 0 failed');
      expect(touched).not.toMatch(/✓ out\/plain\.pdf/);

      mark = output.length;
      appendFileSync(join(templates, 'partials/workflow.hbs'), '\n{{#if broken}\n');
      const brokenTemplate = await waitFor(mark, 'watching');
      expect(brokenTemplate).toMatch(/partials\/workflow\.hbs:\d+:1 error template/);

      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(guard);
      child.kill('SIGKILL');
    }
  }, 120_000);
});
