/** Printing diagnostics for people: compiler-style lines with a code frame of the source line. */
import { formatDiagnostic, type Diagnostic } from '../errors/diagnostic.js';

export function codeFrame(text: string, line: number, column: number): string {
  const source = text.split(/\r?\n/)[line - 1];
  if (source === undefined) return '';
  const gutter = String(line).padStart(4);
  return `${gutter} | ${source}\n${' '.repeat(gutter.length)} | ${' '.repeat(Math.max(0, column - 1))}^`;
}

export function printDiagnostics(diagnostics: readonly Diagnostic[], source?: { text: string }): void {
  for (const d of diagnostics) {
    const frame =
      source && d.position && d.rule !== 'template'
        ? `\n${codeFrame(source.text, d.position.line, d.position.column)}`
        : '';
    const out = d.severity === 'error' ? console.error : console.warn;
    out(`${formatDiagnostic(d)}${frame}`);
  }
}
