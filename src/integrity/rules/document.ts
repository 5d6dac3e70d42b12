/**
 * Whole-document rules: R15 (numbers in the summary appear in a table), R16 (template residue
 * such as off-topic vendor text) and R19 (dates: no source newer than the brief, and a
 * literature-search or data cut-off date stated).
 */
import type { BriefModel } from '../../analysis/model.js';
import type { Finding, IntegrityRule } from '../types.js';
import { briefProse } from '../prose.js';

/** Phrases that belong to a vendor web page, not to an evidence brief. Extend per brief (`integrity.residuePhrases`). */
const defaultResiduePhrases = [
  'rare earth carbides',
  'get quote',
  'request quote',
  'cat. no.',
  'add to cart',
  'in stock',
  'lorem ipsum',
  'click here',
];

function tablePercents(model: BriefModel): Set<number> {
  const out = new Set<number>();
  for (const table of model.tables.values()) {
    for (const cell of table.rows.flat()) {
      if (cell.kind === 'percent') out.add(cell.percent.value);
      if (cell.kind === 'range') [cell.low.value, cell.high.value].forEach((v) => out.add(v));
    }
  }
  return out;
}

export const summaryConsistency: IntegrityRule = {
  id: 'R15',
  title: 'every percentage in the introduction and summary appears in a table',
  severity: 'warning',
  check(model) {
    const known = tablePercents(model);
    const texts = [
      { path: ['introduction'], text: model.brief.introduction },
      { path: ['summary', 'text'], text: model.brief.summary.text },
    ];
    return texts.flatMap(({ path, text }) =>
      [...text.matchAll(/(\d+(?:\.\d+)?)\s?%/g)]
        .filter((m) => !known.has(Number(m[1])))
        .map((m): Finding => ({
          rule: 'R15',
          severity: 'warning',
          path,
          message: `${m[0]} in the ${path[0]} appears in no table`,
          hint: 'quote only figures the tables report (with their source), or add the figure to a table',
        })),
    );
  },
};

export const templateResidue: IntegrityRule = {
  id: 'R16',
  title: 'no template residue or off-topic vendor text',
  severity: 'warning',
  check(model) {
    const phrases = [...defaultResiduePhrases, ...(model.brief.integrity?.residuePhrases ?? [])];
    return briefProse(model.brief).flatMap(({ path, text }) =>
      phrases
        .filter((phrase) => text.toLowerCase().includes(phrase.toLowerCase()))
        .map((phrase): Finding => ({
          rule: 'R16',
          severity: 'warning',
          path,
          message: `"${excerpt(text, phrase)}" looks like template residue (matches "${phrase}")`,
          hint: 'remove text that does not belong to this brief, or switch R16 off for it with a reason',
        })),
    );
  },
};

function excerpt(text: string, phrase: string): string {
  const at = text.toLowerCase().indexOf(phrase.toLowerCase());
  const start = Math.max(0, text.lastIndexOf(' ', Math.max(0, at - 20)) + 1);
  const end = Math.min(text.length, at + phrase.length);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}`;
}

export const datesAndCurrency: IntegrityRule = {
  id: 'R19',
  title: 'no cited source newer than the brief; a literature-search or data cut-off date is stated',
  severity: 'info',
  check(model) {
    const { meta } = model.brief;
    const issuedYear = Number(meta.issued.slice(0, 4));
    const findings: Finding[] = model.brief.references.flatMap((reference, index): Finding[] =>
      reference.year !== undefined && reference.year > issuedYear
        ? [
            {
              rule: 'R19',
              severity: 'warning',
              path: ['references', index, 'year'],
              message: `reference ${reference.id} is from ${reference.year}, after the brief’s issue date ${meta.issued}`,
              hint: 'correct the year or the issue date',
            },
          ]
        : [],
    );
    const searched = meta.literatureSearchDate ?? meta.dataCutoff;
    if (searched === undefined) {
      findings.push({
        rule: 'R19',
        severity: 'info',
        path: ['meta', 'issued'],
        message: `the brief is dated ${meta.issued} but states no literature-search or data cut-off date`,
        hint: 'add meta.literatureSearchDate (YYYY-MM-DD) so readers know how current the evidence is',
      });
    } else if (searched > meta.issued.padEnd(10, '-99')) {
      findings.push({
        rule: 'R19',
        severity: 'warning',
        path: ['meta', meta.literatureSearchDate ? 'literatureSearchDate' : 'dataCutoff'],
        message: `the search/cut-off date ${searched} is after the issue date ${meta.issued}`,
        hint: 'correct one of the two dates',
      });
    }
    return findings;
  },
};
