/**
 * Comparison chart data and Vega-Lite spec for one indication: the compound's rates from the
 * results table against each comparator row, one mark per endpoint. A reported range is drawn as
 * a range; qualitative and missing values are listed in a note under the chart, never plotted.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { TableCell } from '../analysis/cells.js';
import { formatCellValue } from '../analysis/cells.js';
import type { TableModel } from '../analysis/model.js';
import { fontFamilies } from '../pdf/fonts.js';
import { cellInterval } from '../integrity/intervals.js';

export interface ChartPoint {
  regimen: string;
  endpoint: string;
  group: 'compound' | 'comparator';
  /** Point estimate in percent; absent for ranges. */
  value?: number;
  low?: number;
  high?: number;
  /** 95% CI in percent, for rates reported with n/N. */
  ciLow?: number;
  ciHigh?: number;
  label: string;
  order: number;
}

export interface ComparisonChartData {
  points: ChartPoint[];
  /** Values that cannot be plotted, e.g. "BTK Inhibitors — ORR: High (qualitative)". */
  notPlotted: string[];
  /** Sentences for the caption: what the whiskers are, what † marks. */
  captionNotes?: string[];
}

interface Unplotted {
  regimen: string;
  endpoint: string;
  why: 'missing' | 'qualitative' | 'other';
  shown: string;
}

export function comparisonChartData(
  compoundName: string,
  results: TableModel,
  comparison: TableModel,
): ComparisonChartData {
  const points: ChartPoint[] = [];
  const unplotted: Unplotted[] = [];
  const sink = { points, unplotted };
  collectRows(sink, results, 'compound', (label) =>
    label.includes(compoundName) ? label : `${compoundName}: ${label}`,
  );
  const marked = new Set(comparison.caveat?.rows ?? []);
  collectRows(sink, comparison, 'comparator', (label, row) => (marked.has(row) ? `${label} †` : label));
  const captionNotes = [
    ...(points.some((p) => p.ciLow !== undefined) ? ['Whiskers: 95% CI from n/N.'] : []),
    ...(points.some((p) => p.regimen.endsWith(' †'))
      ? ['† Not like-for-like with the index population or endpoint (see the caveat under the table).']
      : []),
  ];
  return { points, notPlotted: describeUnplotted(unplotted), captionNotes };
}

/** One phrase per regimen: "BTK Inhibitors: ORR “High”, CR “Varies” (qualitative)". */
function describeUnplotted(unplotted: Unplotted[]): string[] {
  const regimens = [...new Set(unplotted.map((u) => u.regimen))];
  return regimens.map((regimen) => {
    const mine = unplotted.filter((u) => u.regimen === regimen);
    const missing = mine.filter((u) => u.why === 'missing');
    const other = mine.filter((u) => u.why !== 'missing');
    const parts = [
      ...(missing.length
        ? [`${missing.map((u) => u.endpoint).join(' and ')} not reported (“${missing[0]?.shown}”)`]
        : []),
      ...(other.length
        ? [
            `${other.map((u) => `${u.endpoint} “${u.shown}”`).join(', ')} (${other.every((u) => u.why === 'qualitative') ? 'qualitative' : 'not a rate'})`,
          ]
        : []),
    ];
    return `${regimen}: ${parts.join('; ')}`;
  });
}

function collectRows(
  data: { points: ChartPoint[]; unplotted: Unplotted[] },
  table: TableModel,
  group: ChartPoint['group'],
  regimenName: (label: string, row: number) => string,
): void {
  const labelColumn = Math.max(
    0,
    table.columns.findIndex((c) => c.role === 'label'),
  );
  for (const [rowIndex, row] of table.rows.entries()) {
    const labelCell = row[labelColumn];
    const regimen = regimenName(
      labelCell?.kind === 'text' ? labelCell.text : `Row ${data.points.length + 1}`,
      rowIndex,
    );
    table.columns.forEach((column, index) => {
      const cell = row[index];
      if (column.role !== 'rate' || !cell) return;
      const endpoint = cell.endpoint ?? column.endpoint ?? 'Rate';
      const ci = cellInterval(cell, table.interval);
      const base = { regimen, endpoint, group, order: data.points.length };
      addCell(data, ci ? { ...base, ciLow: ci.lower, ciHigh: ci.upper } : base, cell);
    });
  }
}

function addCell(
  data: { points: ChartPoint[]; unplotted: Unplotted[] },
  base: Omit<ChartPoint, 'label'>,
  cell: TableCell,
): void {
  const label = formatCellValue({ ...cell, endpoint: undefined, qualifier: undefined } as TableCell);
  switch (cell.kind) {
    case 'percent':
      data.points.push({ ...base, value: cell.percent.value, label });
      return;
    case 'range':
      data.points.push({ ...base, low: cell.low.value, high: cell.high.value, label });
      return;
    case 'missing':
      data.unplotted.push({
        regimen: base.regimen,
        endpoint: base.endpoint,
        why: 'missing',
        shown: cell.marker,
      });
      return;
    case 'text':
      data.unplotted.push({
        regimen: base.regimen,
        endpoint: base.endpoint,
        why: 'qualitative',
        shown: cell.text,
      });
      return;
    default:
      data.unplotted.push({
        regimen: base.regimen,
        endpoint: base.endpoint,
        why: 'other',
        shown: formatCellValue(cell),
      });
  }
}

const endpointPalette = ['#1f5f8b', '#c8553d', '#588b5a', '#8d6a9f', '#b08b2e'];

/** A dot-and-range plot: regimens down the side, rate (%) across, one row offset per endpoint. */
export function comparisonChartSpec(data: ComparisonChartData, width = 400): TopLevelSpec {
  const regimens = unique(data.points.map((p) => p.regimen));
  const endpoints = unique(data.points.map((p) => p.endpoint));
  const compoundRegimens = unique(data.points.filter((p) => p.group === 'compound').map((p) => p.regimen));
  const y = {
    field: 'regimen',
    type: 'nominal' as const,
    sort: regimens,
    title: null,
    axis: {
      labelLimit: 190,
      labelFontWeight: {
        condition: { test: `indexof(${JSON.stringify(compoundRegimens)}, datum.value) >= 0`, value: 'bold' },
        value: 'normal',
      },
    },
  };
  const color = {
    field: 'endpoint',
    type: 'nominal' as const,
    scale: { domain: endpoints, range: endpointPalette.slice(0, endpoints.length) },
    legend: { title: 'Endpoint', orient: 'top' as const, direction: 'horizontal' as const, offset: 8 },
  };
  const x = {
    type: 'quantitative' as const,
    scale: { domain: [0, 100] },
    axis: { title: 'Reported rate (%)', values: [0, 20, 40, 60, 80, 100], grid: true },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height: regimens.length * (12 * endpoints.length + 12),
    background: 'white',
    // Named, so the renderer can compile this structure once and hand later renders new values.
    data: { name: 'points', values: data.points },
    encoding: { y, yOffset: { field: 'endpoint', sort: endpoints }, color },
    layer: [
      {
        transform: [{ filter: 'isValid(datum.ciLow)' }],
        mark: { type: 'errorbar', ticks: { size: 5 }, thickness: 1 },
        encoding: { x: { field: 'ciLow', ...x }, x2: { field: 'ciHigh' } },
      },
      {
        transform: [{ filter: 'isValid(datum.low)' }],
        mark: { type: 'rule', strokeWidth: 4, strokeCap: 'round' },
        encoding: { x: { field: 'low', ...x }, x2: { field: 'high' } },
      },
      {
        transform: [{ filter: 'isValid(datum.value)' }],
        mark: { type: 'point', filled: true, size: 55, opacity: 1 },
        encoding: {
          x: { field: 'value', ...x },
          shape: { field: 'endpoint', type: 'nominal', scale: { domain: endpoints }, legend: color.legend },
        },
      },
      {
        transform: [
          {
            calculate:
              'isValid(datum.ciHigh) ? datum.ciHigh : isValid(datum.value) ? datum.value : datum.high',
            as: 'labelAt',
          },
        ],
        mark: { type: 'text', align: 'left', dx: 7, fontSize: 8.5 },
        encoding: { x: { field: 'labelAt', ...x }, text: { field: 'label' }, color: { value: '#333333' } },
      },
    ],
    config: {
      font: fontFamilies.sans,
      view: { stroke: null },
      axis: {
        labelFontSize: 9,
        titleFontSize: 9,
        titleFontWeight: 'normal',
        domainColor: '#888',
        tickColor: '#888',
        gridColor: '#e4e4e4',
      },
      legend: { labelFontSize: 9, titleFontSize: 9, titleFontWeight: 'normal', symbolSize: 50 },
    },
  } as TopLevelSpec;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
