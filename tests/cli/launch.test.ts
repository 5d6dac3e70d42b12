/**
 * The bin runs the bundled CLI through V8's code cache (src/cli/launch.ts). The cache may only
 * ever make start-up faster: a missing, damaged, stale or rejected cache is ignored.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, test } from 'vitest';
import { cacheKey, loadBundle } from '../../src/cli/launch.js';
import { generateBrief } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/prose/templates.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '../..');
const dataFile = join(repo, 'data/cenersen.yaml');

/** A stand-in bundle: the same shape as dist/bundle/cli.cjs, a first line naming its content. */
function toyBundle(hash: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefsmith-bundle-'));
  const file = join(dir, 'cli.cjs');
  writeFileSync(
    file,
    `/* briefsmith-bundle ${hash} */\nexports.main = async (argv) => argv.length + require('node:path').sep.length;\n`,
  );
  return file;
}

const onlyCacheFile = (dir: string) => {
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return join(dir, files[0]!);
};

describe('loadBundle', () => {
  test('runs without a cache, writes one, and V8 accepts it on the next start', async () => {
    const file = toyBundle('a'.repeat(64));
    const cacheDir = join(mkdtempSync(join(tmpdir(), 'briefsmith-cache-')), 'nested');
    const first = loadBundle(file, cacheDir);
    expect(first.cacheState).toBe('missing');
    expect(await first.main(['x', 'y'])).toBe(3);
    first.saveCache();
    expect(onlyCacheFile(cacheDir)).toContain(cacheKey(readFileSync(file, 'utf8')));

    // In one process V8 may also reuse its own compilation; acceptance across processes is
    // checked with the real CLI below.
    const second = loadBundle(file, cacheDir);
    expect(second.cacheState).toBe('accepted');
    expect(await second.main([])).toBe(1);
  });

  test('ignores a damaged cache file and replaces it', async () => {
    const file = toyBundle('b'.repeat(64));
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefsmith-cache-'));
    loadBundle(file, cacheDir).saveCache();
    const cacheFile = onlyCacheFile(cacheDir);
    const damaged = readFileSync(cacheFile);
    damaged.writeUInt8(damaged.readUInt8(damaged.length - 1) ^ 0xff, damaged.length - 1);
    writeFileSync(cacheFile, damaged);

    const loaded = loadBundle(file, cacheDir);
    expect(loaded.cacheState).toBe('ignored');
    expect(await loaded.main(['x'])).toBe(2);
    loaded.saveCache();
    expect(loadBundle(file, cacheDir).cacheState).toBe('accepted');
  });

  test('a cache that V8 refuses is reported as rejected and the bundle still runs', async () => {
    const file = toyBundle('c'.repeat(64));
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefsmith-cache-'));
    // A well-formed cache file (valid checksum) whose data V8 does not recognise. (Written
    // without compiling the bundle first: V8 would reuse its own compilation in this process.)
    const foreign = Buffer.from('not V8 code cache data');
    writeFileSync(
      join(cacheDir, `${cacheKey(readFileSync(file, 'utf8'))}.bin`),
      Buffer.concat([createHash('sha256').update(foreign).digest(), foreign]),
    );

    const loaded = loadBundle(file, cacheDir);
    expect(loaded.cacheState).toBe('rejected');
    expect(await loaded.main([])).toBe(1);
  });

  test('a rebuilt bundle does not use the cache of the previous one, and replaces it', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefsmith-cache-'));
    loadBundle(toyBundle('d'.repeat(64)), cacheDir).saveCache();
    const rebuilt = loadBundle(toyBundle('e'.repeat(64)), cacheDir);
    expect(rebuilt.cacheState).toBe('missing');
    rebuilt.saveCache();
    expect(onlyCacheFile(cacheDir)).toContain('eeee');
  });
});

describe('the bundled CLI', () => {
  const briefsmith = (args: string[], cacheDir: string) =>
    run(process.execPath, [join(repo, 'bin/briefsmith.js'), ...args], {
      cwd: repo,
      env: { ...process.env, BRIEFSMITH_CACHE_DIR: cacheDir },
    });
  const buildInto = async (cacheDir: string) => {
    const out = mkdtempSync(join(tmpdir(), 'briefsmith-launch-'));
    await briefsmith(['build', dataFile, '--out', out], cacheDir);
    return readFileSync(join(out, 'cenersen.pdf'));
  };

  test('is built by npm run build', () => {
    expect(existsSync(join(repo, 'dist/bundle/cli.cjs'))).toBe(true);
  });

  test('builds the brief with and without its code cache, byte-identical to an in-process render', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefsmith-cache-'));
    const withoutCache = await buildInto(cacheDir);
    const cacheFile = onlyCacheFile(cacheDir);
    const written = statSync(cacheFile).mtimeMs;
    const withCache = await buildInto(cacheDir);
    // V8 accepted the cache, so the second build did not write it again.
    expect(statSync(cacheFile).mtimeMs).toBe(written);

    const inProcess = await generateBrief({
      file: 'data/cenersen.yaml',
      text: readFileSync(dataFile, 'utf8'),
      templates: loadTemplates(),
    });
    if (!inProcess.ok) throw new Error('the Cenersen brief did not build in process');
    expect(withoutCache.equals(inProcess.pdf)).toBe(true);
    expect(withCache.equals(inProcess.pdf)).toBe(true);
  });

  test('still builds when its cache file is corrupt, and writes a good one', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefsmith-cache-'));
    const reference = await buildInto(cacheDir);
    const cacheFile = onlyCacheFile(cacheDir);
    const corrupt = readFileSync(cacheFile);
    corrupt.fill(0x5a, 64, 4096);
    writeFileSync(cacheFile, corrupt);

    expect((await buildInto(cacheDir)).equals(reference)).toBe(true);
    expect(readFileSync(onlyCacheFile(cacheDir)).equals(corrupt)).toBe(false);
  });

  test('answers --version and lists its commands', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'briefsmith-cache-'));
    const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect((await briefsmith(['--version'], cacheDir)).stdout.trim()).toBe(version);
    const help = (await briefsmith(['--help'], cacheDir)).stdout;
    for (const command of [
      'build',
      'validate',
      'schema',
      'rollback',
      'schedule',
      'worker',
      'distribute',
      'diff',
      'serve',
    ]) {
      expect(help).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
  });
});
