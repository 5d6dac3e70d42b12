/**
 * Analyse stage: the validated Brief → a BriefModel that later stages read. It normalises table
 * cells, indexes tables and figures by the ids that template directives use, and checks that
 * every citation in the data names a reference.
 */
import {
  defaultIntervalMethod,
  type Brief,
  type Column,
  type FlowFigure,
  type IntervalMethod,
  type Reference,
  type Table,
} from '../data/schema.js';
import { locate, type ParsedSource } from '../data/source.js';
import { formatPath, type Diagnostic } from '../errors/diagnostic.js';
import { normaliseCell, type TableCell } from './cells.js';

export interface TableModel {
  id: string;
  title: string;
  columns: Column[];
  rows: TableCell[][];
  footnotes: string[];
  cite: string[];
  /** Data path of the table, for diagnostics. */
  path: (string | number)[];
  /** 95% CI method for rates with n/N: the table's, else the brief's, else Clopper–Pearson. */
  interval: IntervalMethod;
  /** Cross-trial caveat of a comparator table and its rows that are not like-for-like. */
  caveat?: { text: string; rows: number[] };
}

export interface BriefModel {
  brief: Brief;
  tables: Map<string, TableModel>;
  figures: Map<string, FlowFigure>;
  references: Map<string, Reference>;
}

export function analyseBrief(
  brief: Brief,
  source?: ParsedSource,
): { model: BriefModel; diagnostics: Diagnostic[] } {
  const tables = new Map<string, TableModel>();
  const interval = brief.integrity?.interval ?? defaultIntervalMethod;
  brief.indications.forEach((indication, index) => {
    const base: (string | number)[] = ['indications', index];
    tables.set(
      `${indication.id}.results`,
      tableModel(`${indication.id}.results`, indication.results, [...base, 'results'], interval),
    );
    if (indication.comparison) {
      const id = `${indication.id}.comparison`;
      tables.set(id, tableModel(id, indication.comparison.table, [...base, 'comparison', 'table'], interval));
    }
  });
  const figures = new Map<string, FlowFigure>();
  if (brief.mechanism.figure) figures.set('mechanism', brief.mechanism.figure);
  if (brief.workflow) figures.set('workflow', brief.workflow);
  const references = new Map(brief.references.map((r) => [r.id, r]));
  const model = { brief, tables, figures, references };
  return {
    model,
    diagnostics: [...unresolvedCitations(brief, references, source), ...duplicateIds(brief, source)],
  };
}

function tableModel(
  id: string,
  table: Table,
  path: (string | number)[],
  briefInterval: IntervalMethod,
): TableModel {
  return {
    id,
    title: table.title,
    columns: table.columns,
    rows: table.rows.map((row) => row.map(normaliseCell)),
    footnotes: table.footnotes,
    cite: table.cite ?? [],
    path,
    interval: table.interval ?? briefInterval,
  };
}

const inlineCitation = /\[@([a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]/g;

type CitationSite = { id: string; path: (string | number)[] };
const citationsByBrief = new WeakMap<Brief, readonly CitationSite[]>();

/**
 * Every citation of a brief, in document order. Several integrity rules ask for it, so it is
 * collected once per (immutable) brief.
 */
export function briefCitations(brief: Brief): readonly CitationSite[] {
  let sites = citationsByBrief.get(brief);
  if (!sites) citationsByBrief.set(brief, (sites = citationsInData(brief)));
  return sites;
}

/** Every citation in the data, with the data path where it appears, in document order. */
export function citationsInData(
  value: unknown,
  path: (string | number)[] = [],
): { id: string; path: (string | number)[] }[] {
  if (typeof value === 'string') {
    return [...value.matchAll(inlineCitation)].flatMap((m) =>
      (m[1] ?? '').split(';').map((id) => ({ id: id.trim().replace(/^@/, ''), path })),
    );
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => citationsInData(item, [...path, index]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) =>
      key === 'cite' && Array.isArray(item)
        ? item.map((id, index) => ({ id: String(id), path: [...path, key, index] }))
        : key === 'references'
          ? []
          : citationsInData(item, [...path, key]),
    );
  }
  return [];
}

function unresolvedCitations(
  brief: Brief,
  references: Map<string, Reference>,
  source?: ParsedSource,
): Diagnostic[] {
  const known = [...references.keys()];
  return briefCitations(brief)
    .filter((c) => !references.has(c.id))
    .map((c) => ({
      file: source?.file ?? '(input)',
      position: source ? locate(source, c.path) : undefined,
      path: formatPath(c.path),
      severity: 'error' as const,
      rule: 'R9',
      message: `citation "${c.id}" does not match any reference id`,
      hint: `use one of: ${known.join(', ')}; or add a reference with id "${c.id}"`,
    }));
}

function duplicateIds(brief: Brief, source?: ParsedSource): Diagnostic[] {
  const seen = new Set<string>();
  const groups: [string, { id: string }[]][] = [
    ['references', brief.references],
    ['indications', brief.indications],
  ];
  return groups.flatMap(([key, items]) =>
    items.flatMap((item, index) => {
      const duplicate = seen.has(`${key}:${item.id}`);
      seen.add(`${key}:${item.id}`);
      if (!duplicate) return [];
      const path = [key, index, 'id'];
      return [
        {
          file: source?.file ?? '(input)',
          position: source ? locate(source, path) : undefined,
          path: formatPath(path),
          severity: 'error' as const,
          rule: 'schema',
          message: `id "${item.id}" is used twice in ${key}`,
          hint: 'give each entry its own id',
        },
      ];
    }),
  );
}
