/**
 * `briefsmith validate <file|dir>… [--format text|json] [--strict] [--config file]`: runs the
 * same checks as `build` (syntax, schema, citations, integrity rules R1–R20) without rendering,
 * and reports them like a compiler (text) or as one JSON document for CI tools.
 *
 * Exit codes: 0 no errors (with --strict: no errors and no warnings) · 1 otherwise ·
 * 2 usage error (bad option, missing path, invalid config) · 3 a file cannot be read.
 */
import { findBriefFiles, readBriefFile } from '../io/files.js';
import { checkBrief } from '../pipeline.js';
import type { Diagnostic, Severity } from '../errors/diagnostic.js';
import { integrityFromConfig, type IntegrityConfig } from '../integrity/config.js';
import { resolveConfig } from '../config/load.js';
import { integrityRules, notApplicableRules } from '../integrity/registry.js';
import { version } from '../version.js';
import { codeFrame } from './report.js';
import { countBySeverity, formatDiagnostic } from '../errors/diagnostic.js';

export interface ValidateOptions {
  format: 'text' | 'json';
  strict: boolean;
  config?: string;
}

export interface FileReport {
  file: string;
  ok: boolean;
  counts: Record<Severity, number>;
  diagnostics: Diagnostic[];
}

/** The documented JSON shape (docs/integrity.md, "JSON output"). */
export interface ValidateReport {
  briefsmith: string;
  format: 1;
  strict: boolean;
  ok: boolean;
  summary: { files: number; failed: number } & Record<Severity, number>;
  files: FileReport[];
  rules: { id: string; title: string; severity: Severity | 'n/a' }[];
}

export async function validateCommand(paths: string[], options: ValidateOptions): Promise<number> {
  const config = integrityFromConfig(await resolveConfig({ flags: { config: options.config } }));
  const files = findBriefFiles(paths).map((file) => validateFile(file, options.strict, config));
  const report = buildReport(files, options.strict);
  if (options.format === 'json') console.log(JSON.stringify(report, null, 2));
  else printText(report, files);
  return report.ok ? 0 : 1;
}

function validateFile(
  file: string,
  strict: boolean,
  config?: IntegrityConfig,
): FileReport & { text: string } {
  const source = readBriefFile(file);
  const { diagnostics } = checkBrief(source.displayPath, source.text, { integrity: config });
  const counts = countBySeverity(diagnostics);
  const ok = counts.error === 0 && (!strict || counts.warning === 0);
  return { file: source.displayPath, ok, counts, diagnostics, text: source.text };
}

function buildReport(files: (FileReport & { text: string })[], strict: boolean): ValidateReport {
  const all = files.flatMap((f) => f.diagnostics);
  return {
    briefsmith: version,
    format: 1,
    strict,
    ok: files.every((f) => f.ok),
    summary: { files: files.length, failed: files.filter((f) => !f.ok).length, ...countBySeverity(all) },
    files: files.map(({ text: _text, ...report }) => report),
    rules: [
      ...integrityRules.map((r) => ({ id: r.id, title: r.title, severity: r.severity })),
      ...Object.entries(notApplicableRules).map(([id, why]) => ({
        id,
        title: why,
        severity: 'n/a' as const,
      })),
    ].sort((a, b) => Number(a.id.slice(1)) - Number(b.id.slice(1))),
  };
}

function printText(report: ValidateReport, files: (FileReport & { text: string })[]): void {
  for (const file of files) {
    for (const d of file.diagnostics) {
      const frame = d.position ? `\n${codeFrame(file.text, d.position.line, d.position.column)}` : '';
      console.log(`${formatDiagnostic(d)}${frame}\n`);
    }
  }
  const { summary } = report;
  const verdict = report.ok ? 'ok' : 'FAILED';
  console.log(
    `${summary.files} file(s): ${summary.error} error(s), ${summary.warning} warning(s), ${summary.info} note(s) — ${verdict}${report.strict ? ' (strict: warnings fail)' : ''}`,
  );
}
