/**
 * Finding, loading and resolving the configuration. Precedence, lowest first:
 *   defaults (src/config/schema.ts) < config file < environment (BRIEFSMITH_*) < command-line flags.
 * Paths in the config file are relative to the file; paths from the environment or flags are
 * relative to the working directory. Every problem names its source: the file and key (with line
 * and column for YAML and JSON), the environment variable, or the flag.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { locate, parseSource } from '../data/source.js';
import { formatPath } from '../errors/diagnostic.js';
import { BriefsmithError } from '../errors/errors.js';
import { configSchema, type BriefsmithConfig } from './schema.js';

export const configFileNames = [
  'briefsmith.config.ts',
  'briefsmith.config.mts',
  'briefsmith.config.js',
  'briefsmith.config.mjs',
  'briefsmith.config.json',
  'briefsmith.config.yaml',
  'briefsmith.config.yml',
];

/** Values given on the command line; undefined means "not given". */
export interface ConfigFlags {
  config?: string;
  out?: string;
  templates?: string;
  pageSize?: 'A4' | 'Letter';
  jobs?: number;
  keep?: number;
}

export interface ResolvedConfig extends Omit<BriefsmithConfig, 'jobs' | 'data'> {
  jobs: number;
  data: string[];
  /** The config file used, if any. */
  file?: string;
  /** Where schedule globs are resolved from: the config file's folder, else the working directory. */
  baseDir: string;
}

export interface ResolveContext {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  flags?: ConfigFlags;
}

export async function resolveConfig(context: ResolveContext = {}): Promise<ResolvedConfig> {
  const cwd = context.cwd ?? process.cwd();
  const env = context.env ?? process.env;
  const flags = context.flags ?? {};
  const file = findConfigFile(cwd, flags.config ?? env.BRIEFSMITH_CONFIG);
  const fromFile = file ? await readConfigFile(file) : configSchema.parse({});
  const baseDir = file ? dirname(file) : cwd;
  const inFile = (path: string) => resolve(baseDir, path);
  const inCwd = (path: string) => resolve(cwd, path);
  const fromEnv = environmentValues(env);
  const pick = <T>(flag: T | undefined, envValue: T | undefined, fileValue: T): T =>
    flag ?? envValue ?? fileValue;
  const templates = flags.templates ?? fromEnv.templates;
  return {
    ...fromFile,
    out: (flags.out ?? fromEnv.out) ? inCwd((flags.out ?? fromEnv.out) as string) : inFile(fromFile.out),
    templates: templates ? inCwd(templates) : fromFile.templates ? inFile(fromFile.templates) : undefined,
    data: (Array.isArray(fromFile.data) ? fromFile.data : [fromFile.data]).map(inFile),
    pageSize: pick(flags.pageSize, fromEnv.pageSize, fromFile.pageSize),
    jobs: pick(flags.jobs, fromEnv.jobs, fromFile.jobs ?? availableParallelism()),
    keep: pick(flags.keep, fromEnv.keep, fromFile.keep),
    ...(file ? { file } : {}),
    baseDir,
  };
}

function findConfigFile(cwd: string, explicit: string | undefined): string | undefined {
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new BriefsmithError('usage', `config file not found: ${explicit}`);
    return path;
  }
  return configFileNames.map((name) => resolve(cwd, name)).find((path) => existsSync(path));
}

export async function readConfigFile(file: string): Promise<BriefsmithConfig> {
  const extension = extname(file).toLowerCase();
  if (extension === '.json' || extension === '.yaml' || extension === '.yml') return readDataConfig(file);
  const value = await importConfig(file);
  const parsed = configSchema.safeParse(value);
  if (!parsed.success) throw configError(file, parsed.error);
  return parsed.data;
}

/** YAML and JSON go through the data loader's parser so problems get a line and column. */
function readDataConfig(file: string): BriefsmithConfig {
  const text = readFileSync(file, 'utf8');
  const { source, diagnostics } = parseSource(file, text);
  const syntax = diagnostics.find((d) => d.severity === 'error');
  if (syntax) {
    const at = syntax.position ? `:${syntax.position.line}:${syntax.position.column}` : '';
    throw new BriefsmithError('usage', `${file}${at}: ${syntax.message}`);
  }
  const parsed = configSchema.safeParse(source.document.toJS() ?? {});
  if (!parsed.success) {
    throw configError(file, parsed.error, (path) => locate(source, path, true));
  }
  return parsed.data;
}

/** TypeScript and JavaScript configs are loaded with jiti (TypeScript on Node 20 without a build step). */
async function importConfig(file: string): Promise<unknown> {
  // Loaded only for .ts/.js configs: JSON and YAML configs need no module loader.
  const { createJiti } = await import('jiti');
  const jiti = createJiti(import.meta.url, {
    // A config imports `briefsmith/config`; resolve it to this copy even when briefsmith is not in
    // the project's node_modules (installed globally, run with npx).
    alias: { 'briefsmith/config': fileURLToPath(new URL('./define.js', import.meta.url)) },
    moduleCache: false,
    fsCache: false,
  });
  try {
    return await jiti.import(file, { default: true });
  } catch (error) {
    throw new BriefsmithError('usage', `cannot load ${file}: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
}

function configError(
  file: string,
  error: z.ZodError,
  position?: (path: PropertyKey[]) => { line: number; column: number } | undefined,
): BriefsmithError {
  const line = (path: PropertyKey[], message: string) => {
    const at = position?.(path);
    const where = at ? `${file}:${at.line}:${at.column}` : file;
    return `${where}: ${formatPath(path)}: ${message}`;
  };
  const lines = error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) =>
          line([...issue.path, key], `unknown key; known keys here: ${knownKeys(issue.path).join(', ')}`),
        )
      : [line(issue.path, issue.message)],
  );
  return new BriefsmithError('usage', `invalid configuration\n${lines.join('\n')}`);
}

/** The keys allowed at `path`, found by walking the schema (through optional, default, arrays). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = configSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = (schema as { _zod?: { def?: { type?: string; shape?: object; element?: unknown } } })._zod
      ?.def;
    if (def?.type === 'object' && def.shape) schema = (def.shape as Record<string, unknown>)[String(segment)];
    else if (def?.type === 'array') schema = def.element;
    else return [];
  }
  const def = (unwrap(schema) as { _zod?: { def?: { type?: string; shape?: object } } })._zod?.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(schema: unknown): unknown {
  let current = schema as
    { _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown } } } | undefined;
  while (
    current?._zod?.def &&
    ['optional', 'default', 'nullable', 'prefault', 'pipe'].includes(current._zod.def.type ?? '')
  ) {
    const def = current._zod.def;
    current = (def.innerType ?? def.in) as typeof current;
  }
  return current;
}

interface EnvironmentValues {
  out?: string;
  templates?: string;
  pageSize?: 'A4' | 'Letter';
  jobs?: number;
  keep?: number;
}

/** BRIEFSMITH_OUT, _TEMPLATES, _PAGE_SIZE, _JOBS, _KEEP (and BRIEFSMITH_CONFIG, read above). */
export function environmentValues(env: NodeJS.ProcessEnv): EnvironmentValues {
  const values: EnvironmentValues = {};
  if (env.BRIEFSMITH_OUT) values.out = env.BRIEFSMITH_OUT;
  if (env.BRIEFSMITH_TEMPLATES) values.templates = env.BRIEFSMITH_TEMPLATES;
  if (env.BRIEFSMITH_PAGE_SIZE) {
    const size = env.BRIEFSMITH_PAGE_SIZE;
    if (size !== 'A4' && size !== 'Letter') {
      throw new BriefsmithError('usage', `BRIEFSMITH_PAGE_SIZE: expected A4 or Letter, got "${size}"`);
    }
    values.pageSize = size;
  }
  if (env.BRIEFSMITH_JOBS) values.jobs = wholeNumber('BRIEFSMITH_JOBS', env.BRIEFSMITH_JOBS, 1);
  if (env.BRIEFSMITH_KEEP) values.keep = wholeNumber('BRIEFSMITH_KEEP', env.BRIEFSMITH_KEEP, 0);
  return values;
}

export function wholeNumber(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    throw new BriefsmithError('usage', `${name}: expected a whole number ≥ ${min}, got "${text}"`);
  }
  return value;
}
