/**
 * `briefsmith validate` and `briefsmith schema` through main(): exit codes, the compiler-style
 * text, the JSON shape, --strict, config files; the committed JSON Schema stays in step.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { briefJsonSchema } from '../../src/cli/schema.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'warn').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(argv);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

afterEach(() => vi.restoreAllMocks());

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefsmith-validate-'));
  made.push(dir);
  return dir;
}
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** The Cenersen brief without its own re-grades: its R1/R7 findings are errors again. */
function ungradedCenersen(dir: string): string {
  const text = readFileSync('data/cenersen.yaml', 'utf8');
  const file = join(dir, 'ungraded.yaml');
  writeFileSync(file, text.slice(0, text.indexOf("\n# The seed's known errors")));
  return file;
}

describe('briefsmith validate', () => {
  it('prints compiler-style diagnostics with a code frame and the re-grade, and exits 0 without errors', async () => {
    const { code, out } = await run(['validate', 'data/cenersen.yaml']);
    expect(code).toBe(0);
    expect(out).toMatch(
      /^data\/cenersen\.yaml:153:24 warning R1 indications\[1\]\.results\.rows\[0\]\[2\]\.percent: ORR 53% of N = 20/m,
    );
    expect(out).toContain('[re-graded from error: reproduced as published');
    expect(out).toContain('only N = 17 fits both 53% and 18%');
    expect(out).toContain(' 153 |           - { percent: 53 }');
    expect(out).toMatch(/1 file\(s\): 0 error\(s\), 29 warning\(s\), 2 note\(s\) — ok/);
  });

  it('exits 1 on errors, and with --strict on warnings', async () => {
    const dir = tempDir();
    const file = ungradedCenersen(dir);
    const failed = await run(['validate', file]);
    expect(failed.code).toBe(1);
    expect(failed.out).toContain('error R1');
    expect(failed.out).toContain('error R7');
    expect((await run(['validate', '--strict', 'data/cenersen.yaml'])).code).toBe(1);
  });

  it('writes the documented JSON shape', async () => {
    const { code, out } = await run(['validate', '--format', 'json', 'data']);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({
      format: 1,
      strict: false,
      ok: true,
      summary: { files: 1, failed: 0, error: 0 },
    });
    const [file] = report.files;
    expect(file.file).toBe('data/cenersen.yaml');
    expect(file.diagnostics[0]).toEqual(
      expect.objectContaining({
        file: 'data/cenersen.yaml',
        position: { line: 15, column: 11 },
        rule: 'R19',
        severity: 'info',
      }),
    );
    const r1 = file.diagnostics.find((d: { rule: string }) => d.rule === 'R1');
    expect(r1.regraded).toMatchObject({ from: 'error', reason: expect.stringContaining('as published') });
    expect(report.rules.map((r: { id: string }) => r.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `R${i + 1}`),
    );
  });

  it('exits 2 on usage errors: no path, a missing path, a bad format, an invalid config', async () => {
    expect((await run(['validate'])).code).toBe(2);
    expect((await run(['validate', 'no/such/file.yaml'])).code).toBe(2);
    expect((await run(['validate', '--format', 'xml', 'data'])).code).toBe(2);
    const dir = tempDir();
    const config = join(dir, 'briefsmith.config.json');
    writeFileSync(config, JSON.stringify({ integrity: { rules: { R1: { severity: 'off' } } } }));
    const bad = await run(['validate', '--config', config, 'data']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('reason');
  });

  it('applies a config file’s re-grades with their reason', async () => {
    const dir = tempDir();
    const file = ungradedCenersen(dir);
    const config = join(dir, 'briefsmith.config.yaml');
    writeFileSync(
      config,
      'integrity:\n  rules:\n    R1: { severity: warning, reason: under review }\n    R7: { severity: info, reason: publisher asked }\n',
    );
    const { code, out } = await run(['validate', '--config', config, file]);
    expect(code).toBe(0);
    expect(out).toContain('warning R1');
    expect(out).toContain('[re-graded from error: under review]');
    expect(out).toContain('info R7');
  });
});

describe('briefsmith schema', () => {
  it('prints the JSON Schema, which equals the committed schema/brief.schema.json', async () => {
    const { code, out } = await run(['schema']);
    expect(code).toBe(0);
    const printed = JSON.parse(out);
    expect(printed).toEqual(briefJsonSchema());
    const committed = JSON.parse(readFileSync('schema/brief.schema.json', 'utf8'));
    expect(committed, 'regenerate: node bin/briefsmith.js schema > schema/brief.schema.json').toEqual(
      printed,
    );
    expect(printed.properties.integrity.properties.interval.enum).toEqual(['clopper-pearson', 'wilson']);
  });

  it('is the schema data/cenersen.yaml points its editor at', () => {
    expect(readFileSync('data/cenersen.yaml', 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/brief.schema.json',
    );
  });
});

describe('briefsmith build with integrity checks', () => {
  it('stops a brief with an error and keeps its previous PDF; builds the seed with warnings', async () => {
    const dir = tempDir();
    const data = join(dir, 'data');
    mkdirSync(data);
    copyFileSync('data/cenersen.yaml', join(data, 'brief.yaml'));
    const out = join(dir, 'out');
    const first = await run(['build', data, '--out', out]);
    expect(first.code).toBe(0);
    expect(first.err).toContain('warning R1');
    const before = readFileSync(join(out, 'brief.pdf'));
    writeFileSync(join(data, 'brief.yaml'), readFileSync(ungradedCenersen(dir)));
    const second = await run(['build', data, '--out', out]);
    expect(second.code).toBe(1);
    expect(second.err).toContain('error R1');
    expect(readFileSync(join(out, 'brief.pdf')).equals(before)).toBe(true);
  });
});
