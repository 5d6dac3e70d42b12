/**
 * 95% confidence intervals for rates reported with n/N, in the one form every table and chart
 * uses: "19% (10/53; 95% CI 9.4–32.0)". The numerics live in analysis/stats (beta quantiles from
 * @stdlib for Clopper–Pearson, the Wilson score formula); this module only chooses and formats.
 */
import type { PercentCell, TableCell } from '../analysis/cells.js';
import { formatPercentOneDecimal, proportionInterval } from '../analysis/stats.js';
import type { IntervalMethod } from '../data/schema.js';

const intervalMethodNames: Record<IntervalMethod, string> = {
  'clopper-pearson': 'exact (Clopper–Pearson)',
  wilson: 'Wilson score',
};

/** The interval in percent, or undefined when the cell has no usable n/N. */
export function cellInterval(
  cell: TableCell,
  method: IntervalMethod,
): { lower: number; upper: number; text: string } | undefined {
  if (!hasInterval(cell)) return undefined;
  const { lower, upper } = proportionInterval(cell.n, cell.N, method);
  return {
    lower: lower * 100,
    upper: upper * 100,
    text: `95% CI ${formatPercentOneDecimal(lower)}–${formatPercentOneDecimal(upper)}`,
  };
}

/** "19% (10/53; 95% CI 9.4–32.0)", with the cell's endpoint prefix and qualifier. */
export function formatRateWithInterval(
  cell: PercentCell & { n: number; N: number },
  method: IntervalMethod,
): string {
  const interval = cellInterval(cell, method);
  const prefix = cell.endpoint ? `${cell.endpoint}: ` : '';
  const suffix = cell.qualifier ? ` (${cell.qualifier})` : '';
  const ci = interval ? `; ${interval.text}` : '';
  return `${prefix}${cell.percent.text}% (${cell.n}/${cell.N}${ci})${suffix}`;
}

export function hasInterval(cell: TableCell): cell is PercentCell & { n: number; N: number } {
  return cell.kind === 'percent' && cell.n !== undefined && cell.N !== undefined && cell.n <= cell.N;
}

/** The table note naming the method. */
export function intervalNote(method: IntervalMethod): string {
  return `CI: two-sided 95% confidence interval for n/N, ${intervalMethodNames[method]} method, computed by briefsmith from the counts.`;
}
