/**
 * R1 (percent ↔ N integrality) and R2 (explicit fractions): a reported percentage must be
 * reachable as k/N for a whole number k of the row's patients, and a written n/N must give the
 * reported percentage and use the row's N. Rounding is exact (integer arithmetic, half-up or
 * half-even accepted) via analysis/stats.
 */
import type { TableModel } from '../../analysis/model.js';
import {
  countsForPercent,
  denominatorsFittingAll,
  percentMatchesCount,
  roundedPercent,
} from '../../analysis/stats.js';
import type { PercentCell } from '../../analysis/cells.js';
import type { Finding, IntegrityRule } from '../types.js';
import {
  cellEndpoint,
  cellPath,
  formatScaled,
  rowLabel,
  rowPatients,
  showPercent,
  toPercent,
} from '../tables.js';

interface RowPercent {
  cell: PercentCell;
  columnIndex: number;
}

function rowPercents(table: TableModel, rowIndex: number): RowPercent[] {
  return (table.rows[rowIndex] ?? []).flatMap((cell, columnIndex) =>
    cell.kind === 'percent' ? [{ cell, columnIndex }] : [],
  );
}

/** R1: percentages with an N but no count. */
export const percentIntegrality: IntegrityRule = {
  id: 'R1',
  title: 'a percentage with an N and no count must be k/N for some whole number k',
  severity: 'error',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      table.rows.flatMap((_, rowIndex) => integralityFindings(table, rowIndex)),
    );
  },
};

function integralityFindings(table: TableModel, rowIndex: number): Finding[] {
  const uncounted = rowPercents(table, rowIndex).filter((p) => p.cell.n === undefined);
  return uncounted.flatMap(({ cell, columnIndex }) => {
    const N = cell.N ?? rowPatients(table, rowIndex);
    if (N === undefined || N < 1) return [];
    const percent = toPercent(cell.percent);
    if (countsForPercent(percent, N).length > 0) return [];
    const shown = showPercent(cell.percent);
    const endpoint = cellEndpoint(table, columnIndex, cell) ?? table.columns[columnIndex]?.label ?? 'rate';
    return [
      {
        rule: 'R1',
        severity: 'error',
        path: [...cellPath(table, rowIndex, columnIndex), 'percent'],
        message: `${endpoint} ${shown} of N = ${N} (${rowLabel(table, rowIndex)}) is impossible: no whole number of ${N} patients gives ${shown} (${nearestCounts(percent.scaled, percent.decimals, N)})`,
        hint: `${fittingDenominatorsHint(uncounted, N)}; check the source and write the count as { percent: ${cell.percent.text}, n: <responders>, N: <patients> }`,
      },
    ];
  });
}

/** "10/20 = 50%, 11/20 = 55%": the two counts either side of the reported value. */
function nearestCounts(scaled: number, decimals: number, N: number): string {
  const exact = (scaled / 10 ** decimals / 100) * N;
  const below = Math.floor(exact);
  const show = (k: number) => `${k}/${N} = ${formatScaled(roundedPercent(k, N, decimals + 1))}%`;
  return below + 1 <= N ? `${show(below)}, ${show(below + 1)}` : show(below);
}

function fittingDenominatorsHint(uncounted: RowPercent[], N: number): string {
  const percents = uncounted.map((p) => toPercent(p.cell.percent));
  const shown = uncounted.map((p) => showPercent(p.cell.percent));
  const fits = denominatorsFittingAll(percents, N);
  const both = shown.length === 1 ? shown[0] : shown.length === 2 ? 'both' : 'all';
  const which = shown.length > 1 ? ` ${shown.join(' and ')}` : '';
  if (fits.length === 0) return `no N' ≤ ${N} fits ${both}${which}`;
  const list = fits.length > 6 ? `${fits.slice(0, 6).join(', ')}, …` : fits.join(', ');
  return fits.length === 1
    ? `among N' = 1..${N} only N = ${list} fits ${both}${which}`
    : `among N' = 1..${N}, N = ${list} fit ${both}${which}`;
}

/** R2: explicit n/N written with the percentage. */
export const explicitFraction: IntegrityRule = {
  id: 'R2',
  title: 'an explicit n/N must give the reported percentage and use the row’s N',
  severity: 'error',
  check(model) {
    return [...model.tables.values()].flatMap((table) =>
      table.rows.flatMap((_, rowIndex) =>
        rowPercents(table, rowIndex).flatMap(({ cell, columnIndex }) =>
          fractionFindings(table, rowIndex, columnIndex, cell),
        ),
      ),
    );
  },
};

function fractionFindings(
  table: TableModel,
  rowIndex: number,
  columnIndex: number,
  cell: PercentCell,
): Finding[] {
  const path = cellPath(table, rowIndex, columnIndex);
  const rowN = rowPatients(table, rowIndex);
  const findings: Finding[] = [];
  if (cell.n !== undefined && cell.N === undefined && rowN === undefined) {
    findings.push({
      rule: 'R2',
      severity: 'error',
      path: [...path, 'n'],
      message: `count n = ${cell.n} is given without a denominator`,
      hint: 'add N (patients) to the cell or a patients column to the table',
    });
  }
  if (cell.N !== undefined && rowN !== undefined && cell.N !== rowN) {
    findings.push({
      rule: 'R2',
      severity: 'error',
      path: [...path, 'N'],
      message: `denominator N = ${cell.N} differs from the row’s ${rowN} patients`,
      hint: 'use the same analysis population as the patients column, or say in a footnote why it differs',
    });
  }
  const N = cell.N ?? rowN;
  if (cell.n === undefined || N === undefined) return findings;
  if (cell.n > N) return findings; // R18 reports n > N
  if (!percentMatchesCount(toPercent(cell.percent), cell.n, N)) {
    findings.push({
      rule: 'R2',
      severity: 'error',
      path: [...path, 'percent'],
      message: `${showPercent(cell.percent)} does not match ${cell.n}/${N} = ${formatScaled(roundedPercent(cell.n, N, 2))}%`,
      hint: `write ${formatScaled(roundedPercent(cell.n, N, toPercent(cell.percent).decimals))}% or correct the count`,
    });
  }
  return findings;
}
