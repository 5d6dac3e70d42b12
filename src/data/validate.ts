/**
 * Schema validation: zod issues become diagnostics with a position, a data path, a plain
 * message and a hint. Union failures are narrowed to the branch the user evidently meant.
 */
import type { z } from 'zod';
import { formatPath, type Diagnostic } from '../errors/diagnostic.js';
import { briefSchema, type Brief } from './schema.js';
import { locate, type ParsedSource } from './source.js';

type Issue = z.core.$ZodIssue;

export function validateBrief(source: ParsedSource): { brief?: Brief; diagnostics: Diagnostic[] } {
  const result = briefSchema.safeParse(source.document.toJS());
  if (result.success) return { brief: result.data, diagnostics: [] };
  const diagnostics = flattenIssues(result.error.issues, []).flatMap((issue) =>
    issueToDiagnostics(source, issue),
  );
  return { diagnostics };
}

/** Replace each union failure by the issues of its closest branch, with absolute paths. */
function flattenIssues(issues: readonly Issue[], prefix: readonly PropertyKey[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = closestBranch(issue.errors);
      if (closest) return flattenIssues(closest, path);
    }
    return [{ ...issue, path } as Issue];
  });
}

/**
 * The branch the user meant is the one that failed deepest or with fewest issues,
 * ignoring branches rejected outright for being the wrong type at the root.
 */
function closestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const candidates = branches.filter(
    (issues) =>
      !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type') &&
      !issues.some((i) => i.path.length === 0 && i.code === 'unrecognized_keys' && i.keys.length > 2),
  );
  return [...candidates].sort((a, b) => a.length - b.length)[0];
}

function issueToDiagnostics(source: ParsedSource, issue: Issue): Diagnostic[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      file: source.file,
      position: locate(source, [...issue.path, key], true),
      path: formatPath([...issue.path, key]),
      severity: 'error',
      rule: 'schema',
      message: `unknown key "${key}"`,
      hint: `remove it or correct its spelling; \`briefsmith schema\` lists the keys allowed here`,
    }));
  }
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  return [
    {
      file: source.file,
      position: locate(source, issue.path),
      path: formatPath(issue.path),
      severity: 'error',
      rule: 'schema',
      message: missing ? `required key "${String(issue.path.at(-1))}" is missing` : describeIssue(issue),
      hint: missing ? `add "${String(issue.path.at(-1))}" here` : hintFor(issue),
    },
  ];
}

function describeIssue(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}, found ${describeValue(issue.input)}`;
    case 'invalid_union':
      return 'this value matches none of the allowed forms';
    default:
      return issue.message;
  }
}

function hintFor(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_union':
      return 'a table cell is a plain string or one of {percent, n?, N?}, {count}, {range: [low, high]}, {duration, unit}, {text}, {missing: "-"}';
    case 'invalid_value':
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `give at least ${String(issue.minimum)} item(s)`
        : 'give a non-empty value';
    case 'invalid_format':
      return issue.message;
    default:
      return 'see `briefsmith schema` for the expected shape of this value';
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
