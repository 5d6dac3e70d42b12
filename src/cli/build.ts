/**
 * `briefsmith build`: for each brief, generate and publish its PDF; print the output path, page
 * count and size, or the diagnostics. An invalid brief writes nothing and leaves its previous
 * PDF in place.
 */
import { join } from 'node:path';
import { loadTemplates } from '../prose/templates.js';
import { generateBrief } from '../pipeline.js';
import { findBriefFiles, readBriefFile } from '../io/files.js';
import { inputsHash } from '../publish/inputs.js';
import { publishBrief } from '../publish/publish.js';
import { printDiagnostics } from './report.js';
import { loadIntegrityConfig } from '../integrity/config.js';

export interface BuildOptions {
  out: string;
  templates?: string;
  pageSize: 'A4' | 'Letter';
  /** Append a "Data notes" appendix listing integrity warnings. */
  dataNotes?: boolean;
  /** Integrity settings file; default: briefsmith.config.* in the working directory. */
  config?: string;
}

export async function buildCommand(paths: string[], options: BuildOptions): Promise<number> {
  const templates = loadTemplates(options.templates);
  const pageSize = options.pageSize === 'Letter' ? 'LETTER' : 'A4';
  const files = findBriefFiles(paths);
  const integrity = loadIntegrityConfig(options.config ? { file: options.config } : {});
  let failed = 0;
  for (const file of files) {
    const source = readBriefFile(file);
    const result = await generateBrief({
      file: source.displayPath,
      text: source.text,
      templates,
      pageSize,
      integrity,
      dataNotes: options.dataNotes ?? false,
    });
    printDiagnostics(result.diagnostics, source);
    if (!result.ok) {
      failed++;
      console.error(`✗ ${source.displayPath}: not built (${result.diagnostics.length} problem(s) above)`);
      continue;
    }
    const entry = publishBrief(options.out, {
      id: source.id,
      title: result.title,
      issued: result.issued,
      source: source.displayPath,
      pdf: result.pdf,
      pageCount: result.pageCount,
      inputsHash: inputsHash({
        dataText: source.text,
        templates: templates.files,
        options: { pageSize, dataNotes: options.dataNotes ?? false, integrity: integrity?.settings ?? null },
      }),
      diagnostics: result.diagnostics,
    });
    console.log(`✓ ${join(options.out, entry.file)}  ${entry.pages} pages  ${formatBytes(entry.bytes)}`);
  }
  if (files.length > 1) console.log(`${files.length - failed} built, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
