/** Change summaries name exactly what changed in the data, in readers' words. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkBrief } from '../../src/pipeline.js';
import { briefChanges, describeChanges } from '../../src/distribute/changes.js';

const cenersen = readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8');

function brief(text: string) {
  const { model, diagnostics } = checkBrief('cenersen.yaml', text);
  if (!model) throw new Error(JSON.stringify(diagnostics));
  return model.brief;
}

const original = brief(cenersen);

describe('briefChanges', () => {
  test('the same data has no changes', () => {
    expect(briefChanges(original, brief(cenersen))).toEqual([]);
    expect(describeChanges([])).toBe('no content changes');
  });

  test('one changed number is named with its table, endpoint, old and new value', () => {
    const edited = cenersen.replace('{ percent: 15, n: 8, N: 53 }', '{ percent: 17, n: 9, N: 53 }');
    expect(describeChanges(briefChanges(original, brief(edited)))).toBe(
      'AML results: CR 15% (8/53) → 17% (9/53)',
    );
  });

  test('a comparator value names its row; added rows and references are listed', () => {
    const edited = cenersen
      .replace(
        '{ percent: 24, endpoint: CR, cite: [ash-clag] }',
        '{ percent: 26, endpoint: CR, cite: [ash-clag] }',
      )
      .replace(
        '          - - FLAG (Fludarabine, Cytarabine, G-CSF)',
        '          - - FLAG-Ida\n            - { percent: 40, endpoint: CR, cite: [new-ref] }\n          - - FLAG (Fludarabine, Cytarabine, G-CSF)',
      )
      .replace(
        'citeAs:',
        '  - id: new-ref\n    title: A new reference\n    journal: Blood\n    year: 2024\n\nciteAs:',
      );
    expect(describeChanges(briefChanges(original, brief(edited)))).toBe(
      'AML comparison: MEC (Mitoxantrone, Etoposide, Cytarabine), Reported Overall Response Rate (ORR) or Complete Remission (CR) CR: 24% [ash-clag] → CR: 26% [ash-clag]; ' +
        'AML comparison: row “FLAG-Ida” added; reference 8 added',
    );
  });

  test('prose edits name their section', () => {
    const edited = cenersen.replace(
      'further studies with direct comparator arms',
      'further randomised studies',
    );
    expect(briefChanges(original, brief(edited))).toEqual([
      { kind: 'section', where: 'Summary', change: 'changed' },
    ]);
  });
});
