/**
 * HTTP problems: every error answer has the same JSON shape, `{ error, message, ... }`, so
 * clients can branch on the stable `error` code and show `message` to people. Brief problems
 * carry the pipeline's diagnostics with their place in the submitted text.
 */
import type { Diagnostic } from '../errors/diagnostic.js';

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

/** A diagnostic as JSON: flat line/column so clients need not know our types. */
export interface DiagnosticJson {
  severity: Diagnostic['severity'];
  rule: string;
  path: string;
  line: number | null;
  column: number | null;
  message: string;
  hint: string | null;
}

export function diagnosticJson(d: Diagnostic): DiagnosticJson {
  return {
    severity: d.severity,
    rule: d.rule,
    path: d.path,
    line: d.position?.line ?? null,
    column: d.position?.column ?? null,
    message: d.message,
    hint: d.hint ?? null,
  };
}

export function invalidBrief(diagnostics: readonly Diagnostic[]): HttpProblem {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  return new HttpProblem(
    422,
    'invalid-brief',
    `the brief has ${errors} error(s); fix them at the lines given and retry`,
    { diagnostics: diagnostics.map(diagnosticJson) },
  );
}

export function notFound(what = 'no such resource'): HttpProblem {
  return new HttpProblem(404, 'not-found', what);
}
