/** Comparison charts: data from tables → Vega-Lite spec (golden) → SVG with the document font. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkBrief } from '../../src/pipeline.js';
import { comparisonChartData, comparisonChartSpec } from '../../src/charts/comparison.js';
import { renderChartSvg } from '../../src/charts/render.js';
import { expectGolden } from '../helpers/golden.js';

const fixtures = join(import.meta.dirname, '../fixtures/cenersen');
const { model } = checkBrief(
  'cenersen.yaml',
  readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8'),
);
if (!model) throw new Error('the Cenersen brief must be valid');

function chartData(indication: 'aml' | 'cll') {
  return comparisonChartData(
    'Cenersen',
    model!.tables.get(`${indication}.results`)!,
    model!.tables.get(`${indication}.comparison`)!,
  );
}

describe('comparison chart data', () => {
  test('AML: the compound against each salvage regimen; the CLAG range stays a range', () => {
    const data = chartData('aml');
    expect(data.points.map((p) => [p.regimen, p.endpoint, p.value ?? [p.low, p.high]])).toEqual([
      ['Cenersen: All Groups Combined', 'ORR', 19],
      ['Cenersen: All Groups Combined', 'CR', 15],
      ['CLAG (Cladribine, Cytarabine, G-CSF)', 'CR', [38, 47]],
      ['MEC (Mitoxantrone, Etoposide, Cytarabine)', 'CR', 24],
      ['FLAG (Fludarabine, Cytarabine, G-CSF)', 'CR', 35.2],
    ]);
    expect(data.notPlotted).toEqual([]);
  });

  test('CLL: qualitative and missing values are named, never plotted as zero', () => {
    const data = chartData('cll');
    expect(data.points.some((p) => p.regimen.startsWith('FCR') || p.regimen.startsWith('BTK'))).toBe(false);
    expect(data.points.every((p) => (p.value ?? p.low ?? 0) > 0)).toBe(true);
    expect(data.notPlotted).toEqual([
      'FCR (in high-risk, del(17p) CLL) †: ORR and CR not reported (“-”)',
      'BTK Inhibitors (e.g., Ibrutinib, Zanubrutinib): ORR “High”, CR “Varies” (qualitative)',
    ]);
  });

  test.each(['aml', 'cll'] as const)('%s spec matches its golden file', (indication) => {
    const spec = comparisonChartSpec(chartData(indication), 290);
    expectGolden(join(fixtures, `chart-${indication}.vl.json`), `${JSON.stringify(spec, null, 2)}\n`);
  });
});

describe('chart rendering', () => {
  test('renders an SVG in the document font with no warnings and no network', async () => {
    const chart = await renderChartSvg(comparisonChartSpec(chartData('aml'), 290));
    expect(chart.warnings).toEqual([]);
    expect(chart.svg.startsWith('<svg')).toBe(true);
    expect(chart.svg).toContain('font-family="SourceSans"');
    expect(chart.svg).toContain('38%–47%');
    expect(chart.width).toBeGreaterThan(290);
    expect(chart.height).toBeGreaterThan(50);
  });
});
