/**
 * Table helpers shared by the integrity rules: the N of a row, the endpoint of a cell, the
 * decimals of a reported value, and a walk over every cell with its data path.
 */
import { isNumericCell, type TableCell, type Decimal } from '../analysis/cells.js';
import type { TableModel } from '../analysis/model.js';
import type { Percent } from '../analysis/stats.js';

interface CellVisit {
  table: TableModel;
  rowIndex: number;
  columnIndex: number;
  cell: TableCell;
  path: (string | number)[];
}

export function cellPath(table: TableModel, rowIndex: number, columnIndex: number): (string | number)[] {
  return [...table.path, 'rows', rowIndex, columnIndex];
}

export function columnPath(table: TableModel, columnIndex: number): (string | number)[] {
  return [...table.path, 'columns', columnIndex, 'label'];
}

export function rowPath(table: TableModel, rowIndex: number): (string | number)[] {
  return [...table.path, 'rows', rowIndex];
}

export function eachCell(table: TableModel): CellVisit[] {
  return table.rows.flatMap((row, rowIndex) =>
    row.map((cell, columnIndex) => ({
      table,
      rowIndex,
      columnIndex,
      cell,
      path: cellPath(table, rowIndex, columnIndex),
    })),
  );
}

/** The patients count of a row, from its `patients` column, if the row has one. */
export function rowPatients(table: TableModel, rowIndex: number): number | undefined {
  const column = table.columns.findIndex((c) => c.role === 'patients');
  const cell = column >= 0 ? table.rows[rowIndex]?.[column] : undefined;
  return cell?.kind === 'count' ? cell.value : undefined;
}

/** The row's label, for messages. */
export function rowLabel(table: TableModel, rowIndex: number): string {
  const column = Math.max(
    0,
    table.columns.findIndex((c) => c.role === 'label'),
  );
  const cell = table.rows[rowIndex]?.[column];
  return cell?.kind === 'text' ? cell.text : `row ${rowIndex + 1}`;
}

/** The endpoint a cell reports: its own prefix, else its column's endpoint. */
export function cellEndpoint(table: TableModel, columnIndex: number, cell: TableCell): string | undefined {
  return cell.endpoint ?? table.columns[columnIndex]?.endpoint;
}

export function decimalsOf(value: Decimal): number {
  return value.text.split('.')[1]?.length ?? 0;
}

/** The reported decimal as an exact Percent for the stats helpers. */
export function toPercent(value: Decimal): Percent {
  const decimals = decimalsOf(value);
  return { scaled: Number(value.text.replace('.', '')), decimals };
}

/** "53%" as written. */
export function showPercent(value: Decimal): string {
  return `${value.text}%`;
}

/** Columns that hold figures: rates, patient counts, times. */
export function isValueColumn(table: TableModel, columnIndex: number): boolean {
  const role = table.columns[columnIndex]?.role;
  return role === 'rate' || role === 'patients' || role === 'time';
}

/** An exact Percent as text: {scaled: 529, decimals: 1} → "52.9". */
export function formatScaled(p: Percent): string {
  if (p.decimals === 0) return String(p.scaled);
  const digits = String(p.scaled).padStart(p.decimals + 1, '0');
  return `${digits.slice(0, -p.decimals)}.${digits.slice(-p.decimals)}`;
}

/** A rate column whose header names alternatives ("Overall Response Rate (ORR) or CR"). */
export function headerMixesEndpoints(column: TableModel['columns'][number]): boolean {
  return column.role === 'rate' && /\bor\b/i.test(column.label);
}

/** The endpoints the numeric cells of one column (or of the whole table) report, as written. */
export function reportedEndpoints(table: TableModel, columnIndex?: number): Set<string> {
  return new Set(
    table.rows.flatMap((row) =>
      row.flatMap((cell, c) => {
        if (columnIndex !== undefined && c !== columnIndex) return [];
        const endpoint = isNumericCell(cell) ? cellEndpoint(table, c, cell) : undefined;
        return endpoint ? [endpoint] : [];
      }),
    ),
  );
}
