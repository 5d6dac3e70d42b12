/**
 * A small brief that passes every integrity rule, and a way to run the checks on a variant of
 * it: each rule test breaks one thing and looks for exactly that rule's finding.
 */
import { stringify } from 'yaml';
import type { BriefInput } from '../../src/data/schema.js';
import type { Diagnostic } from '../../src/errors/diagnostic.js';
import type { IntegrityConfig } from '../../src/integrity/config.js';
import { checkBrief } from '../../src/pipeline.js';

export function cleanBrief(): BriefInput {
  return {
    meta: {
      title: 'Testamab in relapsed AML',
      shortTitle: 'Testamab',
      compound: { name: 'Testamab' },
      author: 'Test Team',
      issued: '2025-12-01',
      literatureSearchDate: '2025-11-01',
    },
    introduction: 'An introduction with a figure of 19% taken from the table.',
    mechanism: { text: 'It binds a target.[@smith-2020]' },
    indications: [
      {
        id: 'aml',
        name: 'Acute Myeloid Leukemia',
        abbreviation: 'AML',
        intro: 'Relapsed disease.',
        protocols: [
          {
            title: 'Phase II (Smith 2020)',
            design: 'A single-arm Phase II study.[@smith-2020]',
            population: '53 patients with relapsed or refractory AML.',
            primaryEndpoint: 'ORR',
          },
        ],
        results: {
          title: 'Results',
          cite: ['smith-2020'],
          columns: [
            { label: 'Group', role: 'label' },
            { label: 'Patients', role: 'patients' },
            { label: 'Overall Response Rate (ORR)', role: 'rate', endpoint: 'ORR' },
            { label: 'Complete Remission (CR)', role: 'rate', endpoint: 'CR' },
          ],
          rows: [
            ['All patients', { count: 53 }, { percent: 19, n: 10, N: 53 }, { percent: 15, n: 8, N: 53 }],
          ],
        },
        comparison: {
          heading: 'Comparison',
          table: {
            title: 'Alternatives',
            columns: [
              { label: 'Regimen', role: 'label' },
              { label: 'Population', role: 'population' },
              { label: 'Complete Remission (CR)', role: 'rate', endpoint: 'CR' },
            ],
            rows: [['FLAG', 'Relapsed/refractory', { percent: 24, n: 12, N: 50, cite: ['jones-2019'] }]],
          },
        },
      },
    ],
    summary: { text: 'The 19% response rate is modest.' },
    references: [
      { id: 'smith-2020', title: 'A trial of testamab', pmid: '123456' },
      { id: 'jones-2019', title: 'FLAG in relapsed AML', doi: '10.1000/xyz123' },
    ],
  };
}

export function diagnosticsOf(brief: unknown, integrity?: IntegrityConfig): Diagnostic[] {
  return checkBrief('test.yaml', stringify(brief), { integrity }).diagnostics;
}

export function rulesOf(brief: unknown, integrity?: IntegrityConfig): string[] {
  return diagnosticsOf(brief, integrity).map((d) => d.rule);
}

/** Deep copy, so each test edits its own brief. */
export function variant(edit: (brief: BriefWritable) => void): BriefInput {
  const brief = structuredClone(cleanBrief()) as BriefWritable;
  edit(brief);
  return brief as BriefInput;
}

// Tests poke at nested values freely; the schema check in checkBrief is what guards the shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type BriefWritable = any;
