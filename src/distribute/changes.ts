/**
 * What changed between two versions of a brief, computed from the data (not the PDF bytes), in
 * words a reader understands: "AML results: CR 15% (8/53) → 17% (9/53); reference 4 added".
 */
import { formatCellValue, normaliseCell, type TableCell } from '../analysis/cells.js';
import type { Brief, Indication, Table } from '../data/schema.js';

export type Change =
  | { kind: 'value'; where: string; column: string; row?: string; before: string; after: string }
  | { kind: 'row'; where: string; row: string; change: 'added' | 'removed' }
  | { kind: 'reference'; number: number; id: string; change: 'added' | 'removed' | 'changed' }
  | { kind: 'section'; where: string; change: 'added' | 'removed' | 'changed' }
  | { kind: 'meta'; field: string; before: string; after: string };

export function briefChanges(before: Brief, after: Brief): Change[] {
  return [
    ...metaChanges(before, after),
    ...sectionChanges(before, after),
    ...indicationChanges(before, after),
    ...referenceChanges(before, after),
  ];
}

/** One line per change, joined with "; " for feeds, emails and webhooks. */
export function describeChanges(changes: readonly Change[]): string {
  return changes.length === 0 ? 'no content changes' : changes.map(describeChange).join('; ');
}

export function describeChange(change: Change): string {
  switch (change.kind) {
    case 'value':
      return `${change.where}: ${change.row ? `${change.row}, ` : ''}${change.column} ${change.before} → ${change.after}`;
    case 'row':
      return `${change.where}: row “${change.row}” ${change.change}`;
    case 'reference':
      return `reference ${change.number} ${change.change}`;
    case 'section':
      return `${change.where} ${change.change}`;
    case 'meta':
      return `${change.field}: ${change.before} → ${change.after}`;
  }
}

function metaChanges(before: Brief, after: Brief): Change[] {
  const fields: [string, string, string][] = [
    ['title', before.meta.title, after.meta.title],
    ['issue date', before.meta.issued, after.meta.issued],
  ];
  return fields
    .filter(([, a, b]) => a !== b)
    .map(([field, a, b]) => ({ kind: 'meta', field, before: a, after: b }));
}

function sectionChanges(before: Brief, after: Brief): Change[] {
  const sections: [string, unknown, unknown][] = [
    ['Introduction', before.introduction, after.introduction],
    ['Mechanism of action', before.mechanism, after.mechanism],
    ['Experimental workflow', before.workflow, after.workflow],
    ['Summary', before.summary, after.summary],
    ['Notices', before.notices, after.notices],
    ['Disclaimer', before.disclaimer, after.disclaimer],
    ['Publisher', before.publisher, after.publisher],
  ];
  return sections.flatMap(([where, a, b]) => compareSection(where, a, b));
}

function compareSection(where: string, a: unknown, b: unknown): Change[] {
  if (same(a, b)) return [];
  const change = a === undefined ? 'added' : b === undefined ? 'removed' : 'changed';
  return [{ kind: 'section', where, change }];
}

function indicationChanges(before: Brief, after: Brief): Change[] {
  const old = new Map(before.indications.map((i) => [i.id, i]));
  const current = new Map(after.indications.map((i) => [i.id, i]));
  return [
    ...after.indications.flatMap((indication) => {
      const previous = old.get(indication.id);
      if (!previous)
        return [{ kind: 'section', where: `${indication.abbreviation} section`, change: 'added' } as Change];
      return compareIndication(previous, indication);
    }),
    ...before.indications
      .filter((i) => !current.has(i.id))
      .map((i): Change => ({ kind: 'section', where: `${i.abbreviation} section`, change: 'removed' })),
  ];
}

function compareIndication(before: Indication, after: Indication): Change[] {
  const name = after.abbreviation;
  return [
    ...compareSection(`${name} introduction`, before.intro, after.intro),
    ...compareSection(`${name} protocols`, before.protocols, after.protocols),
    ...compareTable(`${name} results`, before.results, after.results),
    ...compareSection(`${name} results discussion`, before.resultsDiscussion, after.resultsDiscussion),
    ...compareTable(`${name} comparison`, before.comparison?.table, after.comparison?.table),
  ];
}

/** Rows are matched by their label (first label-role column), values by column label. */
function compareTable(where: string, before: Table | undefined, after: Table | undefined): Change[] {
  if (!before || !after) return compareSection(where, before, after);
  const oldRows = rowsByLabel(before);
  const newRows = rowsByLabel(after);
  const single = oldRows.size === 1 && newRows.size === 1;
  const changes: Change[] = [];
  for (const [label, cells] of newRows) {
    const previous = oldRows.get(label) ?? (single ? [...oldRows.values()][0] : undefined);
    if (!previous) {
      changes.push({ kind: 'row', where, row: label, change: 'added' });
      continue;
    }
    for (const [column, value] of cells) {
      const old = previous.get(column);
      if (old !== undefined && old !== value) {
        changes.push({
          kind: 'value',
          where,
          column,
          before: old,
          after: value,
          ...(single ? {} : { row: label }),
        });
      }
    }
  }
  for (const label of oldRows.keys()) {
    if (!newRows.has(label) && !single) changes.push({ kind: 'row', where, row: label, change: 'removed' });
  }
  return changes;
}

/** label → (column name → shown value), where a column's name is its endpoint or its label. */
function rowsByLabel(table: Table): Map<string, Map<string, string>> {
  const labelIndex = Math.max(
    0,
    table.columns.findIndex((c) => c.role === 'label'),
  );
  return new Map(
    table.rows.map((row, index) => {
      const cells = row.map(normaliseCell);
      const labelCell = cells[labelIndex];
      const label = labelCell?.kind === 'text' ? labelCell.text : `row ${index + 1}`;
      const values = new Map(
        table.columns.flatMap((column, i): [string, string][] =>
          i === labelIndex || !cells[i]
            ? []
            : [[column.endpoint ?? column.label, shown(cells[i] as TableCell)]],
        ),
      );
      return [label, values];
    }),
  );
}

function shown(cell: TableCell): string {
  const citations = cell.cite.length ? ` [${cell.cite.join(', ')}]` : '';
  return `${formatCellValue(cell)}${citations}`;
}

function referenceChanges(before: Brief, after: Brief): Change[] {
  const old = new Map(before.references.map((r) => [r.id, r]));
  const current = new Set(after.references.map((r) => r.id));
  return [
    ...after.references.flatMap((reference, index): Change[] => {
      const previous = old.get(reference.id);
      if (!previous) return [{ kind: 'reference', number: index + 1, id: reference.id, change: 'added' }];
      return same(previous, reference)
        ? []
        : [{ kind: 'reference', number: index + 1, id: reference.id, change: 'changed' }];
    }),
    ...before.references.flatMap((reference, index): Change[] =>
      current.has(reference.id)
        ? []
        : [{ kind: 'reference', number: index + 1, id: reference.id, change: 'removed' }],
    ),
  ];
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
