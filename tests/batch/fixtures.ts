/**
 * Test fixtures for batch builds: variations of data/cenersen.yaml written to a temp folder
 * (some without a workflow figure, some invalid), a template folder whose brief.hbs includes the
 * workflow partial only when the data has one, and helpers to run the real CLI and check outputs.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { parseDocument } from 'yaml';
import { manifestSchema, sha256, type Manifest } from '../../src/publish/manifest.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const cenersen = readFileSync(join(repoRoot, 'data/cenersen.yaml'), 'utf8');

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `briefsmith-${prefix}-`));
}

/** A valid variation: its own title; every third one has no workflow figure. */
export function variation(index: number, edit = ''): string {
  const doc = parseDocument(cenersen);
  doc.setIn(['meta', 'title'], `Cenersen variation ${index}${edit}`);
  if (!hasWorkflow(index)) doc.deleteIn(['workflow']);
  return doc.toString();
}

export function hasWorkflow(index: number): boolean {
  return index % 3 !== 0;
}

/** Invalid briefs of different kinds: syntax, schema, a value out of bounds. */
export const invalidBriefs: Record<string, string> = {
  'bad-syntax': 'meta:\n  title: [unclosed\n',
  'bad-schema': cenersen.replace(/^indications:/m, 'indicationz:'),
  'bad-empty': 'meta:\n  title: only a title\n',
};

export interface GeneratedBatch {
  dataDir: string;
  valid: string[];
  invalid: string[];
}

export function writeBatch(dir: string, count: number): GeneratedBatch {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const valid: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `brief-${String(i).padStart(3, '0')}`;
    writeFileSync(join(dataDir, `${id}.yaml`), variation(i));
    valid.push(id);
  }
  for (const [id, text] of Object.entries(invalidBriefs)) writeFileSync(join(dataDir, `${id}.yaml`), text);
  return { dataDir, valid, invalid: Object.keys(invalidBriefs) };
}

/** Overrides brief.hbs so the workflow partial is invoked only for briefs with a workflow. */
export function writeTemplates(dir: string): string {
  const templatesDir = join(dir, 'templates');
  mkdirSync(join(templatesDir, 'partials'), { recursive: true });
  const brief = readFileSync(join(repoRoot, 'templates/brief.hbs'), 'utf8').replace(
    '{{> workflow}}',
    '{{#if workflow}}{{> workflow}}{{/if}}',
  );
  writeFileSync(join(templatesDir, 'brief.hbs'), brief);
  writeFileSync(
    join(templatesDir, 'partials/workflow.hbs'),
    readFileSync(join(repoRoot, 'templates/partials/workflow.hbs'), 'utf8'),
  );
  return templatesDir;
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/briefsmith.js'), ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

export function readManifestFile(outDir: string): Manifest {
  return manifestSchema.parse(JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')));
}

export function listPdfs(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...listPdfs(path));
    else if (name.endsWith('.pdf')) found.push(path);
  }
  return found;
}

/** Every sha256 the manifest names for a file path relative to the output folder. */
export function namedDigests(manifest: Manifest, file: string): string[] {
  const digests: string[] = [];
  for (const entry of manifest.briefs) {
    if (entry.file === file) digests.push(entry.sha256);
    if (file === `versions/${entry.id}/${entry.version}.pdf`) digests.push(entry.sha256);
    for (const old of entry.history ?? []) if (old.file === file) digests.push(old.sha256);
  }
  for (const [id, write] of Object.entries(manifest.pending ?? {})) {
    if (file === `${id}.pdf` || file === `versions/${id}/${write.version}.pdf`) digests.push(write.sha256);
  }
  return digests;
}

export async function pageCount(path: string): Promise<number> {
  const document = await getDocument({ data: new Uint8Array(readFileSync(path)), verbosity: 0 }).promise;
  try {
    return document.numPages;
  } finally {
    await document.destroy();
  }
}

/** The crash-safety invariant: each PDF parses and has a sha256 the manifest names for it. */
export async function checkOutputWhole(outDir: string): Promise<{ pdfs: number; problems: string[] }> {
  const manifest = readManifestFile(outDir);
  const problems: string[] = [];
  const pdfs = listPdfs(outDir);
  for (const path of pdfs) {
    const file = relative(outDir, path).split('\\').join('/');
    const digest = sha256(readFileSync(path));
    if (!namedDigests(manifest, file).includes(digest)) problems.push(`${file}: sha256 not in manifest`);
    try {
      if ((await pageCount(path)) < 1) problems.push(`${file}: no pages`);
    } catch (error) {
      problems.push(`${file}: does not parse (${(error as Error).message})`);
    }
  }
  return { pdfs: pdfs.length, problems };
}
