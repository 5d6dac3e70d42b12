/**
 * The output folder's catalogue: `output/manifest.json` lists every published brief with what
 * it was made from. It is replaced atomically (temp file + rename), never edited in place.
 * One process writes it at a time (the CLI, the batch runner's main thread or the server).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../io/publish.js';
import { countBySeverity, type Diagnostic } from '../errors/diagnostic.js';
import { BriefsmithError } from '../errors/errors.js';

/** One kept version of a brief: enough to check and restore its PDF. */
export const versionRecordSchema = z.object({
  version: z.number().int().positive(),
  file: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  title: z.string(),
  issued: z.string(),
  inputsHash: z.string(),
  builtAt: z.string(),
  templates: z.array(z.string()).optional(),
  diagnostics: z.object({ errors: z.number(), warnings: z.number(), infos: z.number() }),
});

export const manifestEntrySchema = z.object({
  id: z.string(),
  title: z.string(),
  issued: z.string(),
  /** Increases by one each time the brief's PDF changes. */
  version: z.number().int().positive(),
  file: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  pages: z.number().int().nonnegative(),
  /** Hash of everything the PDF was made from (data, templates, fonts, options, version). */
  inputsHash: z.string(),
  builtAt: z.string(),
  source: z.string(),
  diagnostics: z.object({ errors: z.number(), warnings: z.number(), infos: z.number() }),
  /** Names of the templates the render invoked: only these are hashed into `inputsHash`. */
  templates: z.array(z.string()).optional(),
  /** Earlier versions kept under versions/<id>/, newest first (see src/publish/versions.ts). */
  history: z.array(versionRecordSchema).optional(),
  /** Set by `briefsmith rollback`: builds skip the brief while its inputs still hash to `inputsHash`. */
  rolledBack: z.object({ from: z.number().int(), at: z.string(), inputsHash: z.string() }).optional(),
});

/**
 * A write in flight: set before `<id>.pdf` or `versions/<id>/<version>.pdf` is renamed into place,
 * cleared after. So at every instant each PDF on disk matches a sha256 the manifest names.
 */
export const pendingWriteSchema = z.object({ version: z.number().int(), sha256: z.string() });

export const manifestSchema = z.object({
  generator: z.string(),
  briefs: z.array(manifestEntrySchema),
  pending: z.record(z.string(), pendingWriteSchema).optional(),
});

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type VersionRecord = z.infer<typeof versionRecordSchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export const manifestFileName = 'manifest.json';

export function readManifest(outDir: string): Manifest {
  const path = join(outDir, manifestFileName);
  if (!existsSync(path)) return { generator: 'briefsmith', briefs: [] };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new BriefsmithError(
      'io',
      `${path} is not valid JSON (${(error as Error).message}); restore it from a backup or delete it to rebuild every brief`,
      [],
      { cause: error },
    );
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BriefsmithError(
      'io',
      `${path} is not a briefsmith manifest (${issue?.path.join('.') ?? '(document)'}: ${issue?.message}); delete it to rebuild every brief`,
    );
  }
  return parsed.data;
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  const sorted = { ...manifest, briefs: [...manifest.briefs].sort((a, b) => a.id.localeCompare(b.id)) };
  writeFileAtomic(join(outDir, manifestFileName), Buffer.from(`${JSON.stringify(sorted, null, 2)}\n`));
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): ManifestEntry['diagnostics'] {
  const { error, warning, info } = countBySeverity(diagnostics);
  return { errors: error, warnings: warning, infos: info };
}
