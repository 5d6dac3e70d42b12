/** Comparison charts: data from tables → Vega-Lite spec (golden) → SVG with the document font. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, test } from 'vitest';
import { checkBrief } from '../../src/pipeline.js';
import {
  comparisonChartData,
  comparisonChartSpec,
  type ComparisonChartData,
} from '../../src/charts/comparison.js';
import { cachedChartStructures, clearChartCache, renderChartSvg } from '../../src/charts/render.js';
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

/** The same chart with the compound's first rate (and its label) moved to `percent`. */
function withCompoundRate(data: ComparisonChartData, percent: number, label = `${percent}%`) {
  const [first, ...rest] = data.points;
  return { ...data, points: [{ ...first!, value: percent, label }, ...rest] };
}

/** The SVG a View built for this one spec draws: data inline and unnamed, nothing reused. */
async function svgWithoutReuse(data: ComparisonChartData): Promise<string> {
  const spec = comparisonChartSpec(data, 290);
  return (await renderChartSvg({ ...spec, data: { values: data.points } } as typeof spec)).svg;
}

async function svgOf(data: ComparisonChartData): Promise<string> {
  return (await renderChartSvg(comparisonChartSpec(data, 290))).svg;
}

describe('charts rendered through a reused View', () => {
  test.each(['aml', 'cll'] as const)('%s: the SVG is the one a fresh View draws', async (indication) => {
    clearChartCache();
    const data = chartData(indication);
    const expected = await svgWithoutReuse(data);
    expect(await svgOf(data)).toBe(expected);
    expect(await svgOf(data)).toBe(expected);
  });

  test('A, then B with other values, then A again gives A’s SVG; B’s is its own', async () => {
    clearChartCache();
    const a = chartData('aml');
    const b = withCompoundRate(a, 62);
    const first = await svgOf(a);
    const second = await svgOf(b);
    expect(await svgOf(a)).toBe(first);
    expect(second).not.toBe(first);
    expect(second).toContain('>62%<');
    expect(second).toBe(await svgWithoutReuse(b));
  });

  test('a changed value moves the point', async () => {
    const a = chartData('aml');
    const pointsAt = (svg: string) => svg.match(/aria-roledescription="point" transform="[^"]+"/g);
    const before = pointsAt(await svgOf(a));
    const after = pointsAt(await svgOf(withCompoundRate(a, 80, '19% (10/53)')));
    expect(after).not.toEqual(before);
  });

  test('layout follows the new values: a longer label widens the chart, and back again', async () => {
    const a = chartData('aml');
    const long = withCompoundRate(a, 95, '95% (a label long enough to need more room on the right)');
    const original = await renderChartSvg(comparisonChartSpec(a, 290));
    const wider = await renderChartSvg(comparisonChartSpec(long, 290));
    expect(wider.width).toBeGreaterThan(original.width);
    expect(wider.svg).toBe(await svgWithoutReuse(long));
    expect((await renderChartSvg(comparisonChartSpec(a, 290))).svg).toBe(original.svg);
  });

  test('fewer points than the previous render draw exactly those points', async () => {
    const a = chartData('aml');
    const fewer = { ...a, points: a.points.slice(0, 2) };
    await svgOf(a);
    expect(await svgOf(fewer)).toBe(await svgWithoutReuse(fewer));
  });

  test('concurrent renders through one cached structure each get their own SVG', async () => {
    const variants = [15, 25, 35, 45, 55, 65].map((percent) => withCompoundRate(chartData('aml'), percent));
    const expected = [];
    for (const data of variants) expected.push(await svgWithoutReuse(data));
    clearChartCache();
    const rendered = await Promise.all(variants.map((data) => svgOf(data)));
    expect(rendered).toEqual(expected);
    expect(cachedChartStructures()).toBe(1);
  });

  test('leaves the caller’s points as they were', async () => {
    const data = chartData('cll');
    const before = structuredClone(data.points);
    await svgOf(data);
    expect(data.points).toStrictEqual(before);
    expect(data.points.every((point) => Object.getOwnPropertySymbols(point).length === 0)).toBe(true);
  });

  test('keeps a bounded number of structures and rebuilds evicted ones correctly', async () => {
    clearChartCache();
    const data = chartData('aml');
    const first = await svgOf(data);
    for (let width = 200; width < 240; width++) await renderChartSvg(comparisonChartSpec(data, width));
    expect(cachedChartStructures()).toBeLessThanOrEqual(16);
    expect(await svgOf(data)).toBe(first);
  });

  test('a structure with compiler warnings reports them on every render', async () => {
    const spec = comparisonChartSpec(chartData('aml'), 290) as TopLevelSpec & { encoding: object };
    const size = { field: 'order', type: 'quantitative', aggregate: 'no-such-op' };
    const faulty = { ...spec, encoding: { ...spec.encoding, size } } as TopLevelSpec;
    const warnings = async () => (await renderChartSvg(faulty)).warnings;
    const first = await warnings();
    expect(first).toContain('Invalid aggregation operator "no-such-op".');
    expect(await warnings()).toEqual(first);
  });

  test('a runtime warning that only the first run raises is still reported on every render', async () => {
    // The log scale's domain comes from the spec, so a reused View would not re-evaluate it.
    const spec = {
      data: { name: 'sample', values: [{ a: 1 }, { a: 10 }] },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative', scale: { type: 'log', domain: [0, 10] } } },
    } as TopLevelSpec;
    for (let render = 0; render < 3; render++) {
      expect((await renderChartSvg(spec)).warnings).toEqual(['Log scale domain includes zero: [0,10]']);
    }
  });

  test('named inline data of bare numbers is drawn as it is', async () => {
    const spec = {
      data: { name: 'numbers', values: [10, 20, 30] },
      mark: 'tick',
      encoding: { x: { field: 'data', type: 'quantitative' } },
    } as TopLevelSpec;
    const chart = await renderChartSvg(spec);
    expect(chart.warnings).toEqual([]);
    expect(chart.svg.match(/aria-roledescription="tick"/g)).toHaveLength(3);
  });
});
