/**
 * Publishing a built brief: the PDF goes into place atomically, then the manifest entry is
 * replaced. A crash between the two leaves a whole PDF and the previous manifest, which the
 * next build repairs (its inputs hash no longer matches the PDF on disk).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import { writeFileAtomic } from '../io/publish.js';
import {
  countDiagnostics,
  readManifest,
  sha256,
  upsertEntry,
  writeManifest,
  type ManifestEntry,
} from './manifest.js';

export interface BuiltBrief {
  id: string;
  title: string;
  issued: string;
  source: string;
  pdf: Uint8Array;
  pageCount: number;
  inputsHash: string;
  diagnostics: readonly Diagnostic[];
}

export function publishBrief(outDir: string, built: BuiltBrief, now: Date = new Date()): ManifestEntry {
  mkdirSync(outDir, { recursive: true });
  const file = `${built.id}.pdf`;
  writeFileAtomic(join(outDir, file), built.pdf);
  const manifest = readManifest(outDir);
  const previous = manifest.briefs.find((b) => b.id === built.id);
  const digest = sha256(built.pdf);
  const entry: ManifestEntry = {
    id: built.id,
    title: built.title,
    issued: built.issued,
    version: previous ? (previous.sha256 === digest ? previous.version : previous.version + 1) : 1,
    file,
    sha256: digest,
    bytes: built.pdf.length,
    pages: built.pageCount,
    inputsHash: built.inputsHash,
    builtAt: now.toISOString(),
    source: built.source,
    diagnostics: countDiagnostics(built.diagnostics),
  };
  writeManifest(outDir, upsertEntry(manifest, entry));
  return entry;
}
