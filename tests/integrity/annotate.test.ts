/**
 * What the integrity work adds for rendering: the interval method per brief and per table (named
 * in the table note), the caveat rows, and the chart's error bars and † marks.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { comparisonChartData, comparisonChartSpec } from '../../src/charts/comparison.js';
import { tableNotes, valueRuns } from '../../src/integrity/table-text.js';
import { checkBrief } from '../../src/pipeline.js';
import { variant } from './helpers.js';

function modelOf(brief: unknown): NonNullable<ReturnType<typeof checkBrief>['model']> {
  const { model, diagnostics } = checkBrief('test.yaml', stringify(brief));
  if (!model) throw new Error(diagnostics.map((d) => d.message).join('; '));
  return model;
}

describe('interval method', () => {
  it('defaults to Clopper–Pearson and names it in the table note', () => {
    const table = modelOf(variant(() => {})).tables.get('aml.results');
    expect(table?.interval).toBe('clopper-pearson');
    expect(tableNotes(table!)[0]).toContain('exact (Clopper–Pearson)');
    const runs = valueRuns(table!.rows[0]![2]!, table!);
    expect(runs?.map((r) => r.text).join('')).toBe('19% (10/53; 95% CI 9.4–32.0)');
  });

  it('can be Wilson for the whole brief, and a table can override it', () => {
    const model = modelOf(
      variant((b) => {
        b.integrity = { interval: 'wilson' };
        b.indications[0].comparison.table.interval = 'clopper-pearson';
      }),
    );
    const results = model.tables.get('aml.results')!;
    expect(results.interval).toBe('wilson');
    expect(tableNotes(results)[0]).toContain('Wilson score');
    expect(
      valueRuns(results.rows[0]![2]!, results)
        ?.map((r) => r.text)
        .join(''),
    ).toBe('19% (10/53; 95% CI 10.6–31.4)');
    expect(model.tables.get('aml.comparison')?.interval).toBe('clopper-pearson');
  });
});

describe('caveat and chart', () => {
  const text = readFileSync('data/cenersen.yaml', 'utf8');
  const { model: checked } = checkBrief('data/cenersen.yaml', text);
  if (!checked) throw new Error('the Cenersen brief did not check');
  const model = checked;

  it('marks the CLL rows that are not like-for-like', () => {
    const comparison = model.tables.get('cll.comparison')!;
    expect(comparison.caveat?.rows).toEqual([0, 2]);
    expect(comparison.caveat?.text).toContain('FCR (in high-risk, del(17p) CLL): first-line');
    expect(model.tables.get('aml.comparison')?.caveat?.rows).toEqual([]);
  });

  it('draws error bars for rates with n/N and puts † on marked regimens', () => {
    const aml = comparisonChartData(
      'Cenersen',
      model.tables.get('aml.results')!,
      model.tables.get('aml.comparison')!,
    );
    const orr = aml.points.find((p) => p.endpoint === 'ORR');
    expect(orr?.ciLow).toBeCloseTo(9.4, 1);
    expect(orr?.ciHigh).toBeCloseTo(32.0, 1);
    const spec = JSON.stringify(comparisonChartSpec(aml));
    expect(spec).toContain('"errorbar"');
    expect(aml.captionNotes).toEqual(['Whiskers: 95% CI from n/N.']);
    const cll = comparisonChartData(
      'Cenersen',
      model.tables.get('cll.results')!,
      model.tables.get('cll.comparison')!,
    );
    expect(cll.points.map((p) => p.regimen)).toContain('BCL-2 Inhibitors (e.g., Venetoclax) †');
    expect(cll.captionNotes?.[0]).toMatch(/^† Not like-for-like/);
  });
});
