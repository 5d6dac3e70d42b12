/**
 * Table cells as a discriminated union. The schema's compact input forms (`{ percent: 19 }`,
 * `"All Groups"`, `{ missing: "-" }`) are normalised here so that later stages switch on `kind`
 * and placeholders can never be read as zero.
 */
import type { Cell as CellInput } from '../data/schema.js';

export interface Decimal {
  /** The number as written, e.g. "35.2" — keeps trailing zeros for display and precision checks. */
  text: string;
  value: number;
}

interface CellCommon {
  cite: string[];
  endpoint?: string;
  qualifier?: string;
}

export type TableCell =
  | ({ kind: 'text'; text: string } & CellCommon)
  | ({ kind: 'count'; value: number } & CellCommon)
  | ({ kind: 'percent'; percent: Decimal; n?: number; N?: number } & CellCommon)
  | ({ kind: 'range'; low: Decimal; high: Decimal } & CellCommon)
  | ({ kind: 'duration'; value: Decimal; unit: string } & CellCommon)
  | ({ kind: 'missing'; marker: string } & CellCommon);

export type PercentCell = Extract<TableCell, { kind: 'percent' }>;

export function toDecimal(input: number | string): Decimal {
  const text = String(input);
  return { text, value: Number(text) };
}

export function normaliseCell(input: CellInput): TableCell {
  if (typeof input === 'string') return { kind: 'text', text: input, cite: [] };
  const common: CellCommon = { cite: input.cite ?? [] };
  if ('endpoint' in input && input.endpoint) common.endpoint = input.endpoint;
  if ('qualifier' in input && input.qualifier) common.qualifier = input.qualifier;
  if ('percent' in input) {
    return { kind: 'percent', percent: toDecimal(input.percent), n: input.n, N: input.N, ...common };
  }
  if ('count' in input) return { kind: 'count', value: input.count, ...common };
  if ('range' in input) {
    return { kind: 'range', low: toDecimal(input.range[0]), high: toDecimal(input.range[1]), ...common };
  }
  if ('duration' in input)
    return { kind: 'duration', value: toDecimal(input.duration), unit: input.unit, ...common };
  if ('missing' in input) return { kind: 'missing', marker: input.missing, ...common };
  return { kind: 'text', text: input.text, ...common };
}

/** The value as the reader sees it, without citations: "CR: 38%–47%", "19% (10/53)", "5.3 months". */
export function formatCellValue(cell: TableCell): string {
  const prefix = cell.endpoint && cell.kind !== 'text' ? `${cell.endpoint}: ` : '';
  const suffix = cell.qualifier ? ` (${cell.qualifier})` : '';
  return `${prefix}${formatBareValue(cell)}${suffix}`;
}

function formatBareValue(cell: TableCell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text;
    case 'count':
      return String(cell.value);
    case 'percent':
      return cell.n !== undefined && cell.N !== undefined
        ? `${cell.percent.text}% (${cell.n}/${cell.N})`
        : `${cell.percent.text}%`;
    case 'range':
      return `${cell.low.text}%–${cell.high.text}%`;
    case 'duration':
      return `${cell.value.text} ${cell.value.value === 1 ? cell.unit.replace(/s$/, '') : cell.unit}`;
    case 'missing':
      return cell.marker;
  }
}

/** Numeric cells can be charted or checked; text and missing markers cannot. */
export function isNumericCell(cell: TableCell): boolean {
  return (
    cell.kind === 'percent' || cell.kind === 'count' || cell.kind === 'range' || cell.kind === 'duration'
  );
}
