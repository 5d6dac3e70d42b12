/**
 * Each integrity rule against fixtures that must trigger it and near misses that must not.
 * Every case starts from the clean brief (which passes all rules) and changes one thing.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticsOf, rulesOf, variant, type BriefWritable } from './helpers.js';

type Edit = (b: BriefWritable) => void;

const results = (b: BriefWritable) => b.indications[0].results;
const comparison = (b: BriefWritable) => b.indications[0].comparison.table;

/** [rule, what, edit that must trigger it, edit that must not]. */
const cases: [string, string, Edit, Edit][] = [
  [
    'R1',
    'a percentage no whole count of N gives',
    (b) => (results(b).rows[0] = ['All', { count: 20 }, { percent: 53 }, { percent: 15, n: 3, N: 20 }]),
    (b) => (results(b).rows[0] = ['All', { count: 20 }, { percent: 55 }, { percent: 15, n: 3, N: 20 }]),
  ],
  [
    'R2',
    'an n/N that does not give the percentage',
    (b) => (results(b).rows[0][2] = { percent: 20, n: 10, N: 53 }),
    (b) => (results(b).rows[0][2] = { percent: 18.9, n: 10, N: 53 }),
  ],
  [
    'R2',
    'an N that differs from the row’s patients',
    (b) => (results(b).rows[0][2] = { percent: 20, n: 10, N: 50 }),
    (b) => (results(b).rows[0][2] = { percent: 19, n: 10, N: 53 }),
  ],
  [
    'R3',
    'CR above ORR',
    (b) => (results(b).rows[0][3] = { percent: 23, n: 12, N: 53 }),
    (b) => (results(b).rows[0][3] = { percent: 19, n: 10, N: 53 }),
  ],
  [
    'R3',
    'CR + CRp not adding up to ORR when the header says so',
    (b) => {
      results(b).columns[2].label = 'Overall Response Rate (CR + CRp)';
      results(b).columns.push({ label: 'CRp', role: 'rate', endpoint: 'CRp' });
      results(b).rows[0].push({ percent: 6, n: 3, N: 53 });
    },
    (b) => {
      results(b).columns[2].label = 'Overall Response Rate (CR + CRp)';
      results(b).columns.push({ label: 'CRp', role: 'rate', endpoint: 'CRp' });
      results(b).rows[0].push({ percent: 4, n: 2, N: 53 });
    },
  ],
  [
    'R4',
    'a range whose bounds come from two uncredited sources',
    (b) => (comparison(b).rows[0][2] = { range: [38, 47], cite: ['jones-2019', 'smith-2020'] }),
    (b) => (comparison(b).rows[0][2] = { range: [38, 47], cite: ['jones-2019'] }),
  ],
  [
    'R4',
    'a backwards range',
    (b) => (comparison(b).rows[0][2] = { range: [47, 38], cite: ['jones-2019'] }),
    (b) => (comparison(b).rows[0][2] = { range: [38, 38], cite: ['jones-2019'] }),
  ],
  [
    'R5',
    'a qualitative word in a rate column',
    (b) => (comparison(b).rows[0][2] = { text: 'High', cite: ['jones-2019'] }),
    (b) => (comparison(b).rows[0][1] = 'High-risk relapsed disease'),
  ],
  [
    'R5',
    'a placeholder in a rate column',
    (b) => (comparison(b).rows[0][2] = { missing: '-', cite: ['jones-2019'] }),
    (b) => (comparison(b).rows[0][1] = 'Relapsed (see text)'),
  ],
  [
    'R6',
    'a comparator value without citation',
    (b) => (comparison(b).rows[0][2] = { percent: 24, n: 12, N: 50 }),
    (b) => {
      comparison(b).rows[0][2] = { percent: 24, n: 12, N: 50 };
      comparison(b).footnotes = ['From a cohort study.[@jones-2019]'];
    },
  ],
  [
    'R6',
    'a results table with no citation anywhere',
    (b) => delete results(b).cite,
    (b) => {
      delete results(b).cite;
      results(b).rows[0][0] = { text: 'All patients', cite: ['smith-2020'] };
    },
  ],
  [
    'R7',
    'a bare host name as a reference',
    (b) =>
      b.references.push({ id: 'site', domain: 'ashpublications.org' }) && (b.mechanism.text += '[@site]'),
    (b) =>
      b.references.push({
        id: 'site',
        title: 'A paper',
        journal: 'Blood',
        year: 2020,
        volume: '1',
        pages: '1-2',
      }) && (b.mechanism.text += '[@site]'),
  ],
  [
    'R8',
    'two references with the same DOI',
    (b) =>
      b.references.push({ id: 'again', title: 'Same', doi: '10.1000/xyz123' }) &&
      (b.mechanism.text += '[@again]'),
    (b) =>
      b.references.push({ id: 'again', title: 'Other', doi: '10.1000/abc' }) &&
      (b.mechanism.text += '[@again]'),
  ],
  [
    'R9',
    'a reference never cited',
    (b) => b.references.push({ id: 'unused', title: 'Unused', pmid: '1' }),
    (b) => b.references.push({ id: 'used', title: 'Used', pmid: '1' }) && (b.summary.text += ' [@used]'),
  ],
  [
    'R9',
    'a link to "#"',
    (b) => (b.introduction += ' See [the figure](#).'),
    (b) => (b.introduction += ' See [the site](https://example.org).'),
  ],
  [
    'R10',
    'a comparator rate without N',
    (b) => (comparison(b).rows[0][2] = { percent: 24, cite: ['jones-2019'] }),
    (b) => (comparison(b).rows[0][2] = { percent: 24, N: 50, cite: ['jones-2019'] }),
  ],
  [
    'R11',
    'a column header offering alternatives',
    (b) => (comparison(b).columns[2] = { label: 'ORR or CR', role: 'rate' }),
    (b) => (comparison(b).columns[2] = { label: 'Complete or partial response (CR)', role: 'other' }),
  ],
  [
    'R11',
    'ORR defined differently in two tables',
    (b) => {
      results(b).columns[2].label = 'Overall Response Rate (CR + CRp)';
      comparison(b).columns.push({ label: 'Overall Response Rate (ORR)', role: 'rate', endpoint: 'ORR' });
      comparison(b).rows[0].push({ percent: 30, n: 15, N: 50, cite: ['jones-2019'] });
    },
    (b) => {
      comparison(b).columns.push({ label: 'Overall Response Rate (ORR)', role: 'rate', endpoint: 'ORR' });
      comparison(b).rows[0].push({ percent: 30, n: 15, N: 50, cite: ['jones-2019'] });
    },
  ],
  [
    'R12',
    'mixed decimals in a column',
    (b) => comparison(b).rows.push(['MEC', 'Relapsed', { percent: '35.2', N: 50, cite: ['jones-2019'] }]),
    (b) => comparison(b).rows.push(['MEC', 'Relapsed', { percent: 36, n: 18, N: 50, cite: ['jones-2019'] }]),
  ],
  [
    'R13',
    'a three-arm design with one pooled row',
    (b) => (b.indications[0].protocols[0].design = 'A randomised, three-arm study.'),
    (b) => (b.indications[0].protocols[0].design = 'A single-arm study.'),
  ],
  [
    'R14',
    'a first-line comparator against a relapsed index population',
    (b) => (comparison(b).rows[0][1] = 'First-line'),
    (b) => (comparison(b).rows[0][1] = 'High-risk'),
  ],
  [
    'R15',
    'a summary figure that no table reports',
    (b) => (b.summary.text = 'A 42% response rate.'),
    (b) => (b.summary.text = 'A 15% complete remission rate.'),
  ],
  [
    'R16',
    'vendor residue in a notice',
    (b) => (b.notices = [{ heading: 'Buy', text: 'Request Quote for rare earth carbides.' }]),
    (b) => (b.notices = [{ heading: 'Note', text: 'Contact the authors for the protocol.' }]),
  ],
  [
    'R18',
    'a percentage above 100',
    (b) => (comparison(b).rows[0][2] = { percent: 124, N: 50, cite: ['jones-2019'] }),
    (b) => (comparison(b).rows[0][2] = { percent: 100, n: 50, N: 50, cite: ['jones-2019'] }),
  ],
  [
    'R18',
    'a zero duration',
    (b) => {
      results(b).columns.push({ label: 'PFS', role: 'time', endpoint: 'PFS' });
      results(b).rows[0].push({ duration: 0, unit: 'months' });
    },
    (b) => {
      results(b).columns.push({ label: 'PFS', role: 'time', endpoint: 'PFS' });
      results(b).rows[0].push({ duration: 5.3, unit: 'months' });
    },
  ],
  [
    'R19',
    'no literature-search date',
    (b) => delete b.meta.literatureSearchDate,
    (b) => {
      delete b.meta.literatureSearchDate;
      b.meta.dataCutoff = '2025-10-01';
    },
  ],
  [
    'R19',
    'a reference newer than the brief',
    (b) => (b.references[0].year = 2026),
    (b) => (b.references[0].year = 2025),
  ],
  [
    'R20',
    'arm sizes that do not add up',
    (b) => {
      const p = b.indications[0].protocols[0];
      p.enrolled = 53;
      p.arms = {
        items: [
          { label: 'A', treatment: 'x', patients: 20 },
          { label: 'B', treatment: 'y', patients: 30 },
        ],
      };
      results(b).rows.push([
        'Arm B',
        { count: 30 },
        { percent: 20, n: 6, N: 30 },
        { percent: 10, n: 3, N: 30 },
      ]);
    },
    (b) => {
      const p = b.indications[0].protocols[0];
      p.enrolled = 50;
      p.arms = {
        items: [
          { label: 'A', treatment: 'x', patients: 20 },
          { label: 'B', treatment: 'y', patients: 30 },
        ],
      };
      results(b).rows.push([
        'Arm B',
        { count: 30 },
        { percent: 20, n: 6, N: 30 },
        { percent: 10, n: 3, N: 30 },
      ]);
    },
  ],
];

describe.each(cases)('%s: %s', (rule, _what, trigger, nearMiss) => {
  it('finds it', () => {
    const found = diagnosticsOf(variant(trigger)).filter((d) => d.rule === rule);
    expect(found.length).toBeGreaterThan(0);
    for (const d of found) {
      expect(d.position?.line).toBeGreaterThan(0);
      expect(d.message.length).toBeGreaterThan(10);
      expect(d.hint).toBeTruthy();
    }
  });
  it('stays quiet on the near miss', () => {
    expect(rulesOf(variant(nearMiss))).not.toContain(rule);
  });
});

describe('R1 messages', () => {
  it('names the only denominator that fits both rates', () => {
    const brief = variant((b) => {
      results(b).rows[0] = ['All', { count: 20 }, { percent: 53 }, { percent: 18 }];
    });
    const r1 = diagnosticsOf(brief).filter((d) => d.rule === 'R1');
    expect(r1.map((d) => d.severity)).toEqual(['error', 'error']);
    expect(r1[0]?.hint).toContain('only N = 17 fits both 53% and 18%');
    expect(r1[0]?.path).toBe('indications[0].results.rows[0][2].percent');
  });
});

describe('re-grading', () => {
  const broken = () =>
    variant((b) => (results(b).rows[0] = ['All', { count: 20 }, { percent: 53 }, { percent: 18 }]));

  it('a brief can re-grade a rule with a reason, and the finding keeps its id', () => {
    const brief = broken() as BriefWritable;
    brief.integrity = { rules: { R1: { severity: 'warning', reason: 'as published' } } };
    const r1 = diagnosticsOf(brief).filter((d) => d.rule === 'R1');
    expect(r1).toHaveLength(2);
    expect(r1[0]?.severity).toBe('warning');
    expect(r1[0]?.regraded).toMatchObject({ from: 'error', reason: 'as published' });
  });

  it('paths limit a re-grade to the findings they cover', () => {
    const brief = broken() as BriefWritable;
    brief.integrity = {
      rules: { R1: { severity: 'off', reason: 'checked', paths: ['indications[0].results.rows[0][2]'] } },
    };
    const r1 = diagnosticsOf(brief).filter((d) => d.rule === 'R1');
    expect(r1.map((d) => d.path)).toEqual(['indications[0].results.rows[0][3].percent']);
  });

  it('a config file re-grades too, and the brief’s own setting wins', () => {
    const config = {
      source: 'briefsmith.config.json',
      settings: { rules: { R1: { severity: 'info' as const, reason: 'cfg' } } },
    };
    expect(diagnosticsOf(broken(), config).filter((d) => d.rule === 'R1')[0]?.severity).toBe('info');
    const brief = broken() as BriefWritable;
    brief.integrity = { rules: { R1: { severity: 'off', reason: 'brief says' } } };
    expect(rulesOf(brief, config)).not.toContain('R1');
  });

  it('a re-grade without a reason is a schema error', () => {
    const brief = broken() as BriefWritable;
    brief.integrity = { rules: { R1: { severity: 'off' } } };
    const problems = diagnosticsOf(brief);
    expect(problems.some((d) => d.rule === 'schema' && d.path.startsWith('integrity.rules.R1'))).toBe(true);
  });
});
