/**
 * Column-level rules: R5 (placeholders or qualitative words in a numeric column), R11 (one column
 * or one endpoint name meaning different things) and R12 (mixed decimal places in a column).
 */
import { formatCellValue, isNumericCell } from '../../analysis/cells.js';
import type { BriefModel, TableModel } from '../../analysis/model.js';
import type { Finding, IntegrityRule } from '../types.js';
import {
  columnPath,
  decimalsOf,
  eachCell,
  headerMixesEndpoints,
  isValueColumn,
  reportedEndpoints,
  rowLabel,
} from '../tables.js';

function isNumericColumn(table: TableModel, columnIndex: number): boolean {
  return (
    isValueColumn(table, columnIndex) ||
    table.rows.some((row) => {
      const cell = row[columnIndex];
      return cell !== undefined && isNumericCell(cell);
    })
  );
}

export const placeholdersInNumericColumns: IntegrityRule = {
  id: 'R5',
  title: 'no qualitative words or placeholders in a column of figures',
  severity: 'warning',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      eachCell(table)
        .filter(
          ({ cell, columnIndex }) =>
            (cell.kind === 'text' || cell.kind === 'missing') && isNumericColumn(table, columnIndex),
        )
        .map(({ cell, path, rowIndex, columnIndex }) => ({
          rule: 'R5' as const,
          severity: 'warning' as const,
          path,
          message: `"${formatCellValue(cell)}" in the numeric column "${table.columns[columnIndex]?.label}" (${rowLabel(table, rowIndex)}) is ${cell.kind === 'missing' ? 'a placeholder' : 'not a figure'}`,
          hint:
            cell.kind === 'missing'
              ? 'report the value with its source, or say in a footnote why it is not reported'
              : 'give the figure (percent with n/N) and its source, or move the wording to the text',
        })),
    );
  },
};

export const mixedEndpoints: IntegrityRule = {
  id: 'R11',
  title: 'one endpoint per column, and one definition per endpoint across tables',
  severity: 'warning',
  check(model) {
    return [
      ...[...model.tables.values()].flatMap((table) =>
        table.columns.flatMap((_, columnIndex) => mixedColumnFindings(table, columnIndex)),
      ),
      ...endpointDefinitionFindings(model),
    ];
  },
};

function mixedColumnFindings(table: TableModel, columnIndex: number): Finding[] {
  const column = table.columns[columnIndex];
  if (!column || column.role !== 'rate') return [];
  const endpoints = reportedEndpoints(table, columnIndex);
  const headerMixes = headerMixesEndpoints(column);
  const prefixed = table.rows.some((row) => row[columnIndex]?.endpoint !== undefined);
  if (!headerMixes && endpoints.size <= 1) return [];
  const reasons = [
    ...(headerMixes ? [`its header "${column.label}" names alternatives`] : []),
    ...(endpoints.size > 1 ? [`its cells report ${[...endpoints].join(', ')}`] : []),
    ...(headerMixes && prefixed && endpoints.size <= 1
      ? [`its cells carry endpoint prefixes (${[...endpoints].join(', ')})`]
      : []),
  ];
  return [
    {
      rule: 'R11',
      severity: 'warning',
      path: columnPath(table, columnIndex),
      message: `column "${column.label}" mixes endpoints: ${reasons.join('; ')}`,
      hint: 'give each endpoint its own column (e.g. ORR and CR) so values are read against the same definition',
    },
  ];
}

/** "Overall Response Rate (CR + CRp*)" defines ORR as CR + CRp; "(ORR)" only abbreviates it. */
function definitionOf(label: string, endpoint: string): string {
  const inner = /\(([^()]*)\)\s*$/.exec(label)?.[1]?.replace(/\*/g, '').trim();
  if (!inner || inner.toUpperCase() === endpoint.toUpperCase()) return 'standard';
  return inner.replace(/\s+/g, ' ');
}

function endpointDefinitionFindings(model: BriefModel): Finding[] {
  const seen = new Map<string, { definition: string; table: TableModel; label: string }>();
  const findings: Finding[] = [];
  for (const table of model.tables.values()) {
    table.columns.forEach((column, columnIndex) => {
      if (column.role !== 'rate' || !column.endpoint) return;
      const key = column.endpoint.toUpperCase();
      const definition = definitionOf(column.label, column.endpoint);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, { definition, table, label: column.label });
        return;
      }
      if (first.definition === definition || first.table.id === table.id) return;
      first.definition = definition; // report each change of definition once
      findings.push({
        rule: 'R11',
        severity: 'warning',
        path: columnPath(table, columnIndex),
        message: `${column.endpoint} is defined differently here ("${column.label}", table ${table.id}) than in table ${first.table.id} ("${first.label}")`,
        hint: `state each table’s response criteria (e.g. "ORR (iwCLL 2008)"), or name the endpoints differently`,
      });
    });
  }
  return findings;
}

export const precisionConsistency: IntegrityRule = {
  id: 'R12',
  title: 'one number of decimal places per column',
  severity: 'info',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      table.columns.flatMap((column, columnIndex) => {
        const decimals = new Map<number, string[]>();
        for (const row of table.rows) {
          const cell = row[columnIndex];
          const values =
            cell?.kind === 'percent' ? [cell.percent] : cell?.kind === 'range' ? [cell.low, cell.high] : [];
          for (const value of values) {
            const list = decimals.get(decimalsOf(value)) ?? [];
            decimals.set(decimalsOf(value), [...list, `${value.text}%`]);
          }
        }
        if (decimals.size <= 1) return [];
        const groups = [...decimals.entries()].sort(([a], [b]) => b - a);
        return [
          {
            rule: 'R12' as const,
            severity: 'info' as const,
            path: columnPath(table, columnIndex),
            message: `column "${column.label}" mixes precisions: ${groups.map(([d, v]) => `${v.join(', ')} (${d} decimal${d === 1 ? '' : 's'})`).join(' vs ')}`,
            hint: 'report every value in a column to the same number of decimals, as the sources allow',
          },
        ];
      }),
    );
  },
};
