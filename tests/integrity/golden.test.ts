/**
 * The Cenersen findings: a golden file (refresh with UPDATE=1 and review the diff) plus the
 * acceptance list of domain-notes section 2, written by hand so a refresh cannot change it.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBrief } from '../../src/pipeline.js';

const dataFile = 'data/cenersen.yaml';
const goldenFile = 'tests/fixtures/cenersen/findings.json';

const findings = checkBrief(dataFile, readFileSync(dataFile, 'utf8')).diagnostics;

/** rule, original severity, data path — one line per expected finding on the seed. */
const expected = [
  'R1 error indications[1].results.rows[0][2].percent', // CLL ORR 53% of 20
  'R1 error indications[1].results.rows[0][3].percent', // CLL CR 18% of 20
  'R4 warning indications[0].comparison.table.rows[0][1].cite', // CR: 38%–47% [3][4]
  'R5 warning indications[1].comparison.table.rows[0][2]', // FCR "-"
  'R5 warning indications[1].comparison.table.rows[0][3]', // FCR "-"
  'R5 warning indications[1].comparison.table.rows[1][2]', // BTKi "High"
  'R5 warning indications[1].comparison.table.rows[1][3]', // BTKi "Varies"
  'R6 warning indications[1].results', // whole CLL efficacy table
  'R6 warning indications[1].comparison.table.rows[0]', // FCR row
  'R6 warning indications[1].comparison.table.rows[1]', // BTKi row
  'R6 warning indications[1].comparison.table.rows[2][2]', // venetoclax 77%
  'R7 error references[0]',
  'R7 warning references[1]',
  'R7 error references[2]',
  'R7 error references[3]',
  'R7 warning references[4]',
  'R7 warning references[5]',
  'R7 error references[6]',
  'R8 warning references[6]', // 7 identical to 3
  'R10 warning indications[0].comparison.table.rows[0]', // CLAG
  'R10 warning indications[0].comparison.table.rows[1]', // MEC
  'R10 warning indications[0].comparison.table.rows[2]', // FLAG
  'R10 warning indications[1].comparison.table.rows[2]', // venetoclax
  'R11 warning indications[0].comparison.table.columns[1].label', // "ORR or CR"
  'R11 warning indications[1].results.columns[2].label', // ORR defined differently
  'R12 info indications[0].comparison.table.columns[1].label', // 35.2% vs integers
  'R13 warning indications[0].protocols[0].design', // three-arm, one pooled row
  'R14 warning indications[1].comparison.table.rows[0][1]', // FCR first-line
  'R14 warning indications[1].comparison.table.rows[2][1]', // venetoclax R/R del(17p)
  'R16 warning notices[0].text', // rare earth carbides
  'R19 info meta.issued', // no search date
];

describe('Cenersen findings', () => {
  it('are exactly the expected findings of domain-notes section 2, no fewer and no false alarms', () => {
    const actual = findings.map((d) => `${d.rule} ${d.regraded?.from ?? d.severity} ${d.path}`);
    expect([...actual].sort()).toEqual([...expected].sort());
  });

  it('re-grade only the known R1/R7 errors, each with its reason, so the seed still builds', () => {
    const regraded = findings.filter((d) => d.regraded);
    expect(regraded.map((d) => `${d.rule} ${d.path}`)).toEqual(
      expected.filter((e) => e.split(' ')[1] === 'error').map((e) => e.replace(' error', '')),
    );
    expect(
      regraded.every((d) => d.severity === 'warning' && d.regraded?.reason.includes('as published')),
    ).toBe(true);
    expect(findings.some((d) => d.severity === 'error')).toBe(false);
  });

  it('match the golden file', () => {
    const golden = findings.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      ...(d.regraded ? { regradedFrom: d.regraded.from } : {}),
      at: `${d.file}:${d.position?.line}:${d.position?.column}`,
      path: d.path,
      message: d.message,
      hint: d.hint,
    }));
    const text = `${JSON.stringify(golden, null, 2)}\n`;
    if (process.env.UPDATE === '1') writeFileSync(goldenFile, text);
    expect(
      existsSync(goldenFile),
      `${goldenFile} is missing: run UPDATE=1 npx vitest run tests/integrity`,
    ).toBe(true);
    expect(text).toBe(readFileSync(goldenFile, 'utf8'));
  });
});
