/**
 * A problem found in a user's input, reported the way a compiler reports one:
 * where (file:line:column and data path), what is wrong, and how to fix it.
 * User mistakes become diagnostics; programmer mistakes throw.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface Diagnostic {
  file: string;
  /** 1-based line and column of the offending value, when it can be located. */
  position?: SourcePosition;
  /** Data path such as `indications[1].results.rows[0][2]`. */
  path: string;
  severity: Severity;
  /** Stable id: `schema`, `syntax`, `template`, or an integrity rule such as `R1`. */
  rule: string;
  message: string;
  hint?: string;
  /** Set when a brief or config re-graded an integrity finding: its original severity and why. */
  regraded?: { from: Severity; reason: string; by: string };
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(document)';
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** `file:line:col severity rule message` followed by the hint, one diagnostic per block. */
export function formatDiagnostic(d: Diagnostic): string {
  const head = diagnosticLine(d);
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** The first line of `formatDiagnostic`; a build log leaves out why a finding was re-graded. */
export function diagnosticLine(d: Diagnostic, options: { regradeReason?: boolean } = {}): string {
  const where = d.position ? `${d.file}:${d.position.line}:${d.position.column}` : d.file;
  const reason = d.regraded && (options.regradeReason ?? true) ? `: ${d.regraded.reason}` : '';
  const regraded = d.regraded ? ` [re-graded from ${d.regraded.from}${reason}]` : '';
  return `${where} ${d.severity} ${d.rule} ${d.path}: ${d.message}${regraded}`;
}

/** How many diagnostics there are of each severity. */
export function countBySeverity(diagnostics: readonly Diagnostic[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) counts[d.severity]++;
  return counts;
}
