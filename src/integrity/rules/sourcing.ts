/**
 * Where the figures come from: R6 (a value with no citation in its cell, row, caption or
 * footnotes) and R10 (a comparator rate reported without the number of patients behind it).
 */
import { formatCellValue, isNumericCell } from '../../analysis/cells.js';
import type { TableModel } from '../../analysis/model.js';
import type { Finding, IntegrityRule } from '../types.js';
import { cellPath, isValueColumn, rowLabel, rowPath, rowPatients } from '../tables.js';

const citationInText = /\[@[a-z0-9]/;

function tableIsCited(table: TableModel): boolean {
  return table.cite.length > 0 || table.footnotes.some((note) => citationInText.test(note));
}

/** Cells that state a figure or stand where one should be. */
function valueCells(table: TableModel, rowIndex: number): number[] {
  return (table.rows[rowIndex] ?? []).flatMap((cell, columnIndex) =>
    isNumericCell(cell) || isValueColumn(table, columnIndex) ? [columnIndex] : [],
  );
}

function isCitedCell(table: TableModel, rowIndex: number, columnIndex: number): boolean {
  const cell = table.rows[rowIndex]?.[columnIndex];
  if (!cell) return false;
  return cell.cite.length > 0 || (cell.kind === 'text' && citationInText.test(cell.text));
}

function rowIsCited(table: TableModel, rowIndex: number): boolean {
  const row = table.rows[rowIndex] ?? [];
  return row.some(
    (cell, columnIndex) => !isValueColumn(table, columnIndex) && isCitedCell(table, rowIndex, columnIndex),
  );
}

export const uncitedValues: IntegrityRule = {
  id: 'R6',
  title: 'every figure is cited in its cell, row, table caption or footnotes',
  severity: 'warning',
  check(model) {
    return [...model.tables.values()].flatMap(uncitedFindings);
  },
};

function uncitedFindings(table: TableModel): Finding[] {
  if (tableIsCited(table)) return [];
  const rows = table.rows.map((_, rowIndex) => rowFinding(table, rowIndex));
  const uncitedRows = rows.filter((r) => r.wholeRow);
  if (uncitedRows.length === table.rows.length && uncitedRows.length > 0) {
    const values = table.rows.flatMap((row, rowIndex) =>
      valueCells(table, rowIndex).map((c) => formatCellValue(row[c] as NonNullable<(typeof row)[number]>)),
    );
    return [
      {
        rule: 'R6',
        severity: 'warning',
        path: table.path,
        message: `no value in table "${table.title}" carries a citation (${values.join(', ')})`,
        hint: 'cite the source in the table (`cite: [id]` on the table, a row or each cell), or in a footnote',
      },
    ];
  }
  return rows.flatMap((r) => r.findings);
}

function rowFinding(table: TableModel, rowIndex: number): { wholeRow: boolean; findings: Finding[] } {
  const cells = valueCells(table, rowIndex);
  if (cells.length === 0 || rowIsCited(table, rowIndex)) return { wholeRow: false, findings: [] };
  const uncited = cells.filter((c) => !isCitedCell(table, rowIndex, c));
  if (uncited.length === 0) return { wholeRow: false, findings: [] };
  const row = table.rows[rowIndex] ?? [];
  const show = (c: number) => {
    const cell = row[c];
    return cell ? `${table.columns[c]?.endpoint ?? table.columns[c]?.label} ${formatCellValue(cell)}` : '';
  };
  if (uncited.length === cells.length) {
    return {
      wholeRow: true,
      findings: [
        {
          rule: 'R6',
          severity: 'warning',
          path: rowPath(table, rowIndex),
          message: `row "${rowLabel(table, rowIndex)}" gives ${uncited.map(show).join(', ')} without any citation`,
          hint: 'add `cite: [id]` to the values (or to the row label) naming the study they come from',
        },
      ],
    };
  }
  const cited = cells.filter((c) => !uncited.includes(c));
  return {
    wholeRow: false,
    findings: uncited.map((c) => ({
      rule: 'R6' as const,
      severity: 'warning' as const,
      path: cellPath(table, rowIndex, c),
      message: `${show(c)} in "${rowLabel(table, rowIndex)}" has no citation; the row’s citation sits only on ${cited.map((k) => table.columns[k]?.endpoint ?? table.columns[k]?.label).join(', ')}`,
      hint: 'cite the source of this value too (`cite: [id]`), or move the citation to the row label if it covers the whole row',
    })),
  };
}

export const missingDenominators: IntegrityRule = {
  id: 'R10',
  title: 'every rate says how many patients it is from (N or n/N)',
  severity: 'warning',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      table.rows.flatMap((row, rowIndex): Finding[] => {
        if (rowPatients(table, rowIndex) !== undefined) return [];
        const rates = row.filter(
          (cell) => (cell.kind === 'percent' && cell.N === undefined) || cell.kind === 'range',
        );
        if (rates.length === 0) return [];
        return [
          {
            rule: 'R10',
            severity: 'warning',
            path: rowPath(table, rowIndex),
            message: `"${rowLabel(table, rowIndex)}" reports ${rates.map((c) => formatCellValue(c)).join(', ')} without the number of patients`,
            hint: 'write the rate as { percent, n, N } from the source, or add a patients column to the table',
          },
        ];
      }),
    );
  },
};
