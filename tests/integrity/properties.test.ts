/**
 * Property tests for the rule logic where it is subtle: honest data (percentages computed from
 * whole counts, CR a subset of ORR) never raises R1/R2/R3, the denominators R1 suggests really
 * fit, and every interval the tables print brackets its point estimate. Bounded in runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundedPercent, countsForPercent } from '../../src/analysis/stats.js';
import { normaliseCell } from '../../src/analysis/cells.js';
import { cellInterval, formatRateWithInterval } from '../../src/integrity/intervals.js';
import { formatScaled } from '../../src/integrity/tables.js';
import { diagnosticsOf, variant } from './helpers.js';

const runs = { numRuns: 60 };

/** A results row with N patients and ORR/CR written as percentages of N (optionally with counts). */
function rowBrief(N: number, orr: number, cr: number, decimals: number, withCounts: boolean) {
  const percent = (k: number) => {
    const text = formatScaled(roundedPercent(k, N, decimals));
    return decimals === 0 ? Number(text) : text;
  };
  return variant((b) => {
    b.indications[0].results.rows[0] = [
      'All',
      { count: N },
      withCounts ? { percent: percent(orr), n: orr, N } : { percent: percent(orr) },
      withCounts ? { percent: percent(cr), n: cr, N } : { percent: percent(cr) },
    ];
    b.introduction = 'No figures here.';
    b.summary.text = 'No figures here.';
  });
}

const honestRow = fc
  .record({
    N: fc.integer({ min: 1, max: 400 }),
    decimals: fc.integer({ min: 0, max: 2 }),
    withCounts: fc.boolean(),
  })
  .chain(({ N, decimals, withCounts }) =>
    fc
      .integer({ min: 0, max: N })
      .chain((orr) => fc.integer({ min: 0, max: orr }).map((cr) => ({ N, orr, cr, decimals, withCounts }))),
  );

describe('rule properties', () => {
  it('percentages computed from whole counts never raise R1, R2 or R3', () => {
    fc.assert(
      fc.property(honestRow, ({ N, orr, cr, decimals, withCounts }) => {
        const rules = diagnosticsOf(rowBrief(N, orr, cr, decimals, withCounts)).map((d) => d.rule);
        expect(rules.filter((r) => r === 'R1' || r === 'R2' || r === 'R3')).toEqual([]);
      }),
      runs,
    );
  });

  it('R1 fires exactly when no count of N gives the percentage, and its suggested N fit every rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (N, a, b) => {
          const brief = variant((x) => {
            x.indications[0].results.rows[0] = [
              'All',
              { count: N },
              { percent: Math.max(a, b) },
              { percent: Math.min(a, b) },
            ];
            x.introduction = 'No figures.';
            x.summary.text = 'No figures.';
          });
          const r1 = diagnosticsOf(brief).filter((d) => d.rule === 'R1');
          const impossible = [Math.max(a, b), Math.min(a, b)].filter(
            (p) => countsForPercent({ scaled: p, decimals: 0 }, N).length === 0,
          );
          expect(r1).toHaveLength(impossible.length);
          for (const d of r1) {
            const named = /N = ([\d, ]+) fits?/.exec(d.hint ?? '')?.[1];
            for (const fit of (named ?? '')
              .split(',')
              .map((s) => Number(s.trim()))
              .filter(Boolean)) {
              expect(fit).toBeLessThanOrEqual(N);
              for (const p of [a, b])
                expect(countsForPercent({ scaled: p, decimals: 0 }, fit).length).toBeGreaterThan(0);
            }
          }
        },
      ),
      runs,
    );
  });

  it('every printed interval brackets its point estimate, Clopper–Pearson and Wilson alike', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 2000 })
          .chain((N) => fc.tuple(fc.constant(N), fc.integer({ min: 0, max: N }))),
        fc.constantFrom('clopper-pearson' as const, 'wilson' as const),
        ([N, n], method) => {
          const cell = normaliseCell({ percent: 0, n, N });
          const ci = cellInterval(cell, method);
          expect(ci).toBeDefined();
          if (!ci) return;
          const point = (100 * n) / N;
          expect(ci.lower).toBeGreaterThanOrEqual(0);
          expect(ci.lower).toBeLessThanOrEqual(point + 1e-9);
          expect(ci.upper).toBeGreaterThanOrEqual(point - 1e-9);
          expect(ci.upper).toBeLessThanOrEqual(100);
          expect(ci.text).toMatch(/^95% CI \d+\.\d–\d+\.\d$/);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('printed intervals (domain-notes section 4)', () => {
  const vectors: [number, number, string, string][] = [
    [85, 106, '71.3–87.3', '71.6–86.7'],
    [6, 62, '3.6–19.9', '4.5–19.5'],
    [45, 124, '27.8–45.4', '28.4–45.0'],
    [88, 109, '72.1–87.7', '72.3–87.0'],
    [32, 109, '21.0–38.8', '21.6–38.5'],
    [39, 55, '57.1–82.4', '57.9–81.2'],
    [12, 22, '32.2–75.6', '34.7–73.1'],
    [70, 132, '44.2–61.8', '44.6–61.3'],
    [49, 55, '77.8–95.9', '78.2–94.9'],
    [10, 53, '9.4–32.0', '10.6–31.4'],
    [8, 53, '6.7–27.6', '7.9–27.1'],
    [2, 53, '0.5–13.0', '1.0–12.8'],
    [9, 17, '27.8–77.0', '31.0–73.8'],
    [3, 17, '3.8–43.4', '6.2–41.0'],
    [7, 20, '15.4–59.2', '18.1–56.7'],
  ];
  it.each(vectors)('%i/%i → CP %s, Wilson %s', (n, N, cp, wilson) => {
    const cell = normaliseCell({ percent: 0, n, N });
    expect(cellInterval(cell, 'clopper-pearson')?.text).toBe(`95% CI ${cp}`);
    expect(cellInterval(cell, 'wilson')?.text).toBe(`95% CI ${wilson}`);
  });
  it('formats a rate the same way everywhere', () => {
    const cell = normaliseCell({ percent: 19, n: 10, N: 53 });
    if (cell.kind !== 'percent' || cell.n === undefined || cell.N === undefined)
      throw new Error('not a rate');
    expect(formatRateWithInterval({ ...cell, n: cell.n, N: cell.N }, 'clopper-pearson')).toBe(
      '19% (10/53; 95% CI 9.4–32.0)',
    );
  });
});
