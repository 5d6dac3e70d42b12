/**
 * What the integrity work adds to a printed table: rates with n/N get their 95% CI, a note names
 * the CI method, and a comparator table gets its cross-trial caveat. Kept here so the table
 * layout (src/pdf/tables.ts) only asks for the text.
 */
import type { TableCell } from '../analysis/cells.js';
import type { TableModel } from '../analysis/model.js';
import { formatRateWithInterval, hasInterval, intervalNote } from './intervals.js';

/** Below this column width (pt) "95% CI 100.0–100.0" could overflow a cell, so it may wrap. */
const minWidthForUnbrokenInterval = 80;

/**
 * The cell's text runs with its interval, or undefined to use the plain formatting. In a column
 * wide enough the interval is one unbreakable run, so the cell wraps before "95% CI" rather than
 * inside it.
 */
export function valueRuns(
  cell: TableCell,
  table: TableModel,
  columnWidth = Infinity,
): { text: string; noWrap?: boolean }[] | undefined {
  if (!hasInterval(cell)) return undefined;
  const text = formatRateWithInterval(cell, table.interval);
  const start = text.indexOf('95% CI');
  const end = text.indexOf(')', start);
  return [
    { text: text.slice(0, start) },
    { text: text.slice(start, end), noWrap: columnWidth >= minWidthForUnbrokenInterval },
    { text: text.slice(end) },
  ];
}

/** Notes under the table (Markdown with citations): the CI method, then the caveat. */
export function tableNotes(table: TableModel): string[] {
  const withInterval = table.rows.some((row) => row.some(hasInterval));
  return [
    ...(withInterval ? [intervalNote(table.interval)] : []),
    ...(table.caveat ? [`**Caveat.** ${table.caveat.text}`] : []),
  ];
}

/** " †" for comparator rows the caveat calls not like-for-like. */
export function rowMark(table: TableModel, rowIndex: number): string | undefined {
  return table.caveat?.rows.includes(rowIndex) ? ' †' : undefined;
}
