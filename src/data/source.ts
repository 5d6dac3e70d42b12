/**
 * Source text with positions: YAML and JSON both go through the `yaml` parser (JSON is YAML 1.2),
 * so every value keeps its line and column for diagnostics.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourcePosition } from '../errors/diagnostic.js';

export interface ParsedSource {
  file: string;
  text: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

export function parseSource(file: string, text: string): { source: ParsedSource; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  const source = { file, text, document, lineCounter };
  const diagnostics = [...document.errors, ...document.warnings].map((problem): Diagnostic => ({
    file,
    position: positionAt(source, problem.pos[0]),
    path: '(document)',
    severity: 'error',
    rule: 'syntax',
    message: firstLine(problem.message),
    hint: syntaxHint(problem.code),
  }));
  return { source, diagnostics };
}

export function positionAt(source: ParsedSource, offset: number): SourcePosition {
  const { line, col } = source.lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * The position of the value at `path`; `atKey` points at the key of the last segment instead
 * (for "unknown key" problems). Falls back to the deepest node that exists.
 */
export function locate(
  source: ParsedSource,
  path: readonly PropertyKey[],
  atKey = false,
): SourcePosition | undefined {
  let node: unknown = source.document.contents;
  let offset = rangeStart(node);
  for (const [index, segment] of path.entries()) {
    const isLast = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = rangeStart(atKey && isLast ? pair.key : pair.value) ?? rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return offset === undefined ? undefined : positionAt(source, offset);
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null | undefined)?.range;
  return range ? range[0] : undefined;
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}

function syntaxHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping: remove or rename one of them';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and punctuation of this line against the one above it';
    default:
      return 'fix the YAML/JSON syntax at this position; quoting a value that contains ": " or "#" often helps';
  }
}
