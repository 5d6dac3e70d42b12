/**
 * Start-up of the `briefsmith` bin. Loading hundreds of ES modules and compiling them was a third
 * of a cold `briefsmith build`, so `npm run build` also bundles the CLI into one CommonJS file
 * (scripts/bundle-cli.mjs). It runs through `vm.Script` with V8's code cache: bytecode saved after
 * a successful build, so the functions a render compiles lazily are in it too. Node 20 has no
 * module compile cache of its own (that is Node 22's `module.enableCompileCache`).
 *
 * The cache is an optimisation only: a missing, stale, corrupt or rejected cache is ignored and
 * rewritten, and without the bundle (tsc alone) the CLI runs from dist/ as before.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

type Main = (argv: readonly string[]) => Promise<number>;

/** What became of the code cache when the bundle was compiled. */
export type CacheState = 'accepted' | 'missing' | 'ignored' | 'rejected';

export interface LoadedBundle {
  main: Main;
  cacheState: CacheState;
  /** Writes the cache unless V8 accepted the one it had; never throws (read-only installs). */
  saveCache(): void;
}

export const bundleFile = join(import.meta.dirname, '../bundle/cli.cjs');
const defaultCacheDir = join(import.meta.dirname, '../../node_modules/.cache/briefsmith');
const checksumBytes = 32;

export async function launch(argv: readonly string[]): Promise<number> {
  if (!bundleIsCurrent()) return (await import('./main.js')).main(argv);
  const bundle = loadBundle(bundleFile, process.env['BRIEFSMITH_CACHE_DIR'] ?? defaultCacheDir);
  const exitCode = await bundle.main(argv);
  if (producesUsefulCache(argv, exitCode)) bundle.saveCache();
  return exitCode;
}

/**
 * `npm run build` bundles right after tsc; a tsc run alone (tsc --watch while developing) leaves
 * an older bundle behind, which must not run in place of the fresh dist/.
 */
function bundleIsCurrent(): boolean {
  const bundle = statSync(bundleFile, { throwIfNoEntry: false });
  const compiledMain = statSync(join(import.meta.dirname, 'main.js'), { throwIfNoEntry: false });
  return bundle !== undefined && compiledMain !== undefined && bundle.mtimeMs >= compiledMain.mtimeMs;
}

/**
 * Only a successful `build` writes the cache: it has compiled the whole render path, which is
 * what a cold build needs. Other commands use a cache that exists but do not replace it with
 * one that holds less.
 */
function producesUsefulCache(argv: readonly string[], exitCode: number): boolean {
  return argv[0] === 'build' && exitCode === 0 && !argv.includes('--watch') && !argv.includes('-w');
}

export function loadBundle(file: string, cacheDir: string): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  const cacheFile = join(cacheDir, `${cacheKey(source)}.bin`);
  const cached = readCache(cacheFile);
  const script = new Script(commonJsWrapper(source), {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  const cacheState: CacheState =
    cached === undefined
      ? existsSync(cacheFile)
        ? 'ignored'
        : 'missing'
      : script.cachedDataRejected
        ? 'rejected'
        : 'accepted';
  const main = runCommonJs(script, file).main as Main;
  return {
    main,
    cacheState,
    saveCache: () => {
      if (cacheState !== 'accepted') writeCache(cacheDir, cacheFile, script.createCachedData());
    },
  };
}

/** The function around a CommonJS file's code, as Node's own loader wraps it. */
function commonJsWrapper(source: string): string {
  return `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;
}

/** Evaluates the wrapped bundle as Node evaluates a CommonJS file, and returns its exports. */
function runCommonJs(script: Script, file: string): Record<string, unknown> {
  const module = { exports: {} as Record<string, unknown> };
  const body = script.runInThisContext() as (
    exports: object,
    require: NodeJS.Require,
    module: object,
    filename: string,
    dirname: string,
  ) => void;
  body.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return module.exports;
}

/**
 * The cache is only valid for this bundle on this Node: the bundle names its content hash on
 * its first line (scripts/bundle-cli.mjs). V8 also refuses a cache made by another V8 or with
 * other flags (`cachedDataRejected`).
 */
export function cacheKey(source: string): string {
  const bundleHash = /^\/\* briefsmith-bundle ([0-9a-f]{64}) \*\//.exec(source)?.[1];
  const identity = bundleHash ?? createHash('sha256').update(source).digest('hex');
  return `cli-${identity.slice(0, 20)}-node${process.versions.node}-${process.arch}`;
}

/**
 * A cache file is a SHA-256 of the V8 data followed by the data. V8 checks the data's header
 * but, in release builds, not the payload, so a damaged file is recognised here and ignored.
 */
function readCache(cacheFile: string): Buffer | undefined {
  let content: Buffer;
  try {
    content = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (content.length <= checksumBytes) return undefined;
  const data = content.subarray(checksumBytes);
  const checksum = createHash('sha256').update(data).digest();
  return checksum.equals(content.subarray(0, checksumBytes)) ? data : undefined;
}

/** Written to a temporary file and renamed, so a concurrent start never reads half a cache. */
function writeCache(cacheDir: string, cacheFile: string, data: Buffer): void {
  try {
    mkdirSync(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([createHash('sha256').update(data).digest(), data]));
    renameSync(temporary, cacheFile);
    removeOtherCaches(cacheDir, cacheFile);
  } catch {
    // Caching is an optimisation: an unwritable cache folder only means the next start is slower.
  }
}

/** Caches of earlier bundles or other Node versions would never be read again. */
function removeOtherCaches(cacheDir: string, keep: string): void {
  for (const name of readdirSync(cacheDir)) {
    const path = join(cacheDir, name);
    if (path !== keep && name.startsWith('cli-') && name.endsWith('.bin')) rmSync(path, { force: true });
  }
}
