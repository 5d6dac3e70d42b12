/**
 * What the integrity work adds to a printed table: rates with n/N get their 95% CI, a note names
 * the CI method, and a comparator table gets its cross-trial caveat. Kept here so the table
 * layout (src/pdf/tables.ts) only asks for the text.
 */
import type { TableCell } from '../analysis/cells.js';
import type { TableModel } from '../analysis/model.js';
import { defaultIntervalMethod, formatRateWithInterval, hasInterval, intervalNote } from './intervals.js';

/** The cell's text with its interval, or undefined to use the plain formatting. */
export function valueText(cell: TableCell, table: TableModel): string | undefined {
  return hasInterval(cell)
    ? formatRateWithInterval(cell, table.interval ?? defaultIntervalMethod)
    : undefined;
}

/** Notes under the table (Markdown with citations): the CI method, then the caveat. */
export function tableNotes(table: TableModel): string[] {
  const withInterval = table.rows.some((row) => row.some(hasInterval));
  return [
    ...(withInterval ? [intervalNote(table.interval ?? defaultIntervalMethod)] : []),
    ...(table.caveat ? [`**Caveat.** ${table.caveat.text}`] : []),
  ];
}

/** " †" for comparator rows the caveat calls not like-for-like. */
export function rowMark(table: TableModel, rowIndex: number): string | undefined {
  return table.caveat?.rows.includes(rowIndex) ? ' †' : undefined;
}
