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
import type { Diagnostic } from '../errors/diagnostic.js';

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
});

export const manifestSchema = z.object({
  generator: z.string(),
  briefs: z.array(manifestEntrySchema),
});

export type ManifestEntry = z.infer<typeof manifestEntrySchema>;
export type Manifest = z.infer<typeof manifestSchema>;

export const manifestFileName = 'manifest.json';

export function readManifest(outDir: string): Manifest {
  const path = join(outDir, manifestFileName);
  if (!existsSync(path)) return { generator: 'briefsmith', briefs: [] };
  return manifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function writeManifest(outDir: string, manifest: Manifest): void {
  const sorted = { ...manifest, briefs: [...manifest.briefs].sort((a, b) => a.id.localeCompare(b.id)) };
  writeFileAtomic(join(outDir, manifestFileName), Buffer.from(`${JSON.stringify(sorted, null, 2)}\n`));
}

export function upsertEntry(manifest: Manifest, entry: ManifestEntry): Manifest {
  return { ...manifest, briefs: [...manifest.briefs.filter((b) => b.id !== entry.id), entry] };
}

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): ManifestEntry['diagnostics'] {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
    infos: diagnostics.filter((d) => d.severity === 'info').length,
  };
}
