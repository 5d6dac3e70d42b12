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
  const result = briefSchema.safeParse(source.document.toJS(), { reportInput: true });
  if (result.success) return { brief: result.data, diagnostics: [] };
  const issues = mergeMisspelledKeys(flattenIssues(result.error.issues, []));
  return { diagnostics: issues.flatMap((issue) => issueToDiagnostics(source, issue)) };
}

const spellingSuggestions = new WeakMap<Issue, Record<string, string>>();

/**
 * A misspelt key shows up twice in zod (unknown "shortTitel", missing "shortTitle"); report it
 * once, as the unknown key with a "did you mean" hint.
 */
function mergeMisspelledKeys(issues: Issue[]): Issue[] {
  const missing = issues.filter((i) => i.code === 'invalid_type' && i.input === undefined);
  const absorbed = new Set<Issue>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const parent = formatPath(issue.path);
    const suggestions: Record<string, string> = {};
    for (const key of issue.keys) {
      const match = missing.find(
        (m) => formatPath(m.path.slice(0, -1)) === parent && editDistance(String(m.path.at(-1)), key) <= 2,
      );
      if (!match) continue;
      absorbed.add(match);
      suggestions[key] = String(match.path.at(-1));
    }
    if (Object.keys(suggestions).length) spellingSuggestions.set(issue, suggestions);
  }
  return issues.filter((issue) => !absorbed.has(issue));
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
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
 * The branch the user meant is the one whose keys they used: a branch is penalised for every
 * key it does not know and every required key that is absent, and rejected outright when the
 * value is of the wrong type altogether. Ties go to the branch with fewest issues.
 */
function closestBranch(branches: readonly (readonly Issue[])[]): readonly Issue[] | undefined {
  const score = (issues: readonly Issue[]): number =>
    issues.reduce((total, i) => {
      if (i.path.length === 0 && i.code === 'unrecognized_keys') return total + 10 * i.keys.length;
      if (i.path.length === 1 && i.code === 'invalid_type' && i.input === undefined) return total + 10;
      return total + 1;
    }, 0);
  const candidates = branches.filter(
    (issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
  );
  return [...candidates].sort((a, b) => score(a) - score(b))[0];
}

function issueToDiagnostics(source: ParsedSource, issue: Issue): Diagnostic[] {
  if (issue.code === 'unrecognized_keys') {
    const suggestions = spellingSuggestions.get(issue) ?? {};
    return issue.keys.map((key) => ({
      file: source.file,
      position: locate(source, [...issue.path, key], true),
      path: formatPath([...issue.path, key]),
      severity: 'error',
      rule: 'schema',
      message: suggestions[key]
        ? `unknown key "${key}"; did you mean "${suggestions[key]}"?`
        : `unknown key "${key}"`,
      hint: suggestions[key]
        ? `rename it to "${suggestions[key]}"`
        : 'remove it or correct its spelling; `briefsmith schema` lists the keys allowed here',
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
