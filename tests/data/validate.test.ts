/** The data format: the reference brief passes; each kind of mistake is reported where it is. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, test } from 'vitest';
import { checkBrief } from '../../src/pipeline.js';
import type { Diagnostic } from '../../src/errors/diagnostic.js';

const cenersen = readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8');

function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture does not contain ${needle}`);
  return index + 1;
}

function problems(text: string, file = 'brief.yaml'): Diagnostic[] {
  const { model, diagnostics } = checkBrief(file, text);
  expect(model).toBeUndefined();
  return diagnostics.filter((d) => d.severity === 'error');
}

describe('the Cenersen brief', () => {
  test('is valid YAML data', () => {
    const { model, diagnostics } = checkBrief('data/cenersen.yaml', cenersen);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(model?.brief.indications.map((i) => i.id)).toEqual(['aml', 'cll']);
    expect(model?.tables.get('aml.results')?.rows[0]?.[2]).toMatchObject({ kind: 'percent', n: 10, N: 53 });
    expect(model?.tables.get('cll.comparison')?.rows[0]?.[2]).toEqual({
      kind: 'missing',
      marker: '-',
      cite: [],
    });
  });

  test('is equally valid as JSON', () => {
    const json = JSON.stringify(parseYaml(cenersen), null, 2);
    const { model } = checkBrief('cenersen.json', json);
    expect(model?.brief.meta.title).toContain('Cenersen');
  });
});

describe('invalid briefs', () => {
  test('an unknown key (a typo) is an error at the key, not silently dropped', () => {
    const text = cenersen.replace('  shortTitle:', '  shortTitel:');
    const [problem] = problems(text);
    expect(problem).toMatchObject({
      path: 'meta.shortTitel',
      rule: 'schema',
      message: 'unknown key "shortTitel"; did you mean "shortTitle"?',
      position: { line: lineOf(text, 'shortTitel'), column: 3 },
    });
  });

  test('a percentage written as text is rejected with a fix', () => {
    const text = cenersen.replace('{ percent: 24, endpoint: CR', '{ percent: "24%", endpoint: CR');
    const all = problems(text);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      path: 'indications[0].comparison.table.rows[1][1].percent',
      position: { line: lineOf(text, '"24%"') },
    });
    expect(all[0]?.hint ?? all[0]?.message).toMatch(/plain decimal/);
  });

  test('a missing required key names the key to add', () => {
    const text = cenersen.replace(/\n {8}primaryEndpoint: Overall Response Rate \(ORR\)\./, '');
    const [problem] = problems(text);
    expect(problem).toMatchObject({
      path: 'indications[1].protocols[0].primaryEndpoint',
      hint: 'add "primaryEndpoint" here',
    });
    expect(problem?.position?.line).toBe(lineOf(text, 'title: Phase II CLL Trial'));
  });

  test('a cell of the wrong kind is explained against the cell forms', () => {
    const text = cenersen.replace('{ count: 20 }', '{ count: 20.5 }');
    const [problem] = problems(text);
    expect(problem).toMatchObject({
      path: 'indications[1].results.rows[0][1].count',
      position: { line: lineOf(text, 'count: 20.5') },
    });
    expect(problem?.message).toMatch(/int/i);
  });

  test('a duplicated YAML key is a syntax error with its position', () => {
    const text = cenersen.replace('  author: BenchChem', '  author: X\n  author: BenchChem');
    const [problem] = problems(text);
    expect(problem).toMatchObject({ rule: 'syntax', position: { line: lineOf(text, 'author: BenchChem') } });
  });

  test('broken YAML syntax reports line and column', () => {
    const text = cenersen.replace("  issued: '2025-12'", "  issued: '2025-12");
    const [problem] = problems(text);
    expect(problem?.rule).toBe('syntax');
    expect(problem?.position?.line).toBeGreaterThan(0);
  });

  test('a citation of an unknown reference is an error at the citation', () => {
    const text = cenersen.replace('cite: [xu-2018]', 'cite: [xu-2019]');
    const [problem] = problems(text);
    expect(problem).toMatchObject({
      rule: 'R9',
      path: 'indications[0].comparison.table.rows[2][1].cite[0]',
      message: 'citation "xu-2019" does not match any reference id',
      position: { line: lineOf(text, 'xu-2019') },
    });
    expect(problem?.hint).toContain('xu-2018');
  });

  test('JSON input errors carry JSON line numbers too', () => {
    const json = JSON.stringify(parseYaml(cenersen), null, 2).replace('"shortTitle"', '"shortTitel"');
    const [problem] = problems(json, 'brief.json');
    expect(problem?.position?.line).toBe(lineOf(json, 'shortTitel'));
  });
});
