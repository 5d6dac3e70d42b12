/**
 * Study design against the data: R13 (a randomised or multi-arm study reported as one pooled
 * row), R14 (a comparator from another line of therapy than the index population) and R20
 * (arm sizes that do not add up to the number enrolled).
 */
import type { BriefModel, TableModel } from '../../analysis/model.js';
import type { Indication, Protocol } from '../../data/schema.js';
import type { Finding, IntegrityRule } from '../types.js';
import { rowLabel, rowPath } from '../tables.js';

const armWords: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6 };

/** Arms the design implies: listed arms, else "three-arm" in the text, else 2 for "randomised". */
function impliedArms(protocol: Protocol): number {
  const listed = protocol.arms?.items.length ?? 0;
  const word = /\b(two|three|four|five|six|\d+)[- ]arm(ed)?\b/i.exec(protocol.design)?.[1]?.toLowerCase();
  const fromText = word ? (armWords[word] ?? Number(word)) : 0;
  const randomised = protocol.randomised ?? /\brandomi[sz]ed\b/i.test(protocol.design);
  return Math.max(listed, fromText, randomised ? 2 : 0);
}

export const designGranularity: IntegrityRule = {
  id: 'R13',
  title: 'a randomised or multi-arm study reports its arms, not only a pooled row',
  severity: 'warning',
  check(model) {
    return model.brief.indications.flatMap((indication, index): Finding[] => {
      const table = model.tables.get(`${indication.id}.results`);
      if (!table) return [];
      return indication.protocols.flatMap((protocol, p): Finding[] => {
        const arms = impliedArms(protocol);
        if (arms < 2 || table.rows.length >= arms) return [];
        const rows = table.rows.map((_, r) => `"${rowLabel(table, r)}"`).join(', ');
        return [
          {
            rule: 'R13',
            severity: 'warning',
            path: ['indications', index, 'protocols', p, 'design'],
            message: `the design implies ${arms} arms ("${protocol.design.replace(/\[@[^\]]*\]/g, '').trim()}") but the results table reports ${table.rows.length === 1 ? 'a single pooled row' : `${table.rows.length} rows`}: ${rows}`,
            hint: 'report each arm as its own row with n/N (the source usually has them), or say in a footnote why only pooled results are given',
          },
        ];
      });
    });
  },
};

export type Line = 'first-line' | 'relapsed-refractory' | 'mixed';

const firstLineWords =
  /\bfirst[- ]line\b|\bfront[- ]?line\b|\bpreviously untreated\b|\btreatment[- ]na[iï]ve\b|\buntreated\b/i;
const relapsedWords =
  /\brelapsed\b|\brefractory\b|\bR\/R\b|\bpreviously treated\b|\bpre-?treated\b|\bsalvage\b/i;
/** "Nineteen of the patients had been previously treated": some, so not all, were. */
const partlyTreated = /\b(\w+) of (?:the )?(?:\d+ )?patients (?:had been|were) previously treated\b/i;

/** The line of therapy a population text describes, if it says. */
function lineOfTherapy(text: string): Line | undefined {
  const some = partlyTreated.exec(text)?.[1]?.toLowerCase();
  if (some && some !== 'all') return 'mixed';
  const first = firstLineWords.test(text);
  const relapsed = relapsedWords.test(text);
  if (first && relapsed) return 'mixed';
  return first ? 'first-line' : relapsed ? 'relapsed-refractory' : undefined;
}

export const lineNames: Record<Line, string> = {
  'first-line': 'first-line',
  'relapsed-refractory': 'relapsed/refractory',
  mixed: 'mixed (previously treated and untreated)',
};

export function indexLine(indication: Indication): Line | undefined {
  const lines = indication.protocols.map((p) => p.line ?? lineOfTherapy(p.population));
  return lines.find((line) => line !== undefined);
}

interface PopulationMismatch {
  rowIndex?: number;
  path: (string | number)[];
  population: string;
  line: Line;
}

/** Comparator rows (or the whole table, by its title) whose line of therapy differs from the index. */
export function populationMismatches(indication: Indication, table: TableModel): PopulationMismatch[] {
  const index = indexLine(indication);
  if (!index) return [];
  const column = table.columns.findIndex((c) => c.role === 'population');
  if (column < 0) {
    const line = lineOfTherapy(table.title);
    return line && line !== index ? [{ path: [...table.path, 'title'], population: table.title, line }] : [];
  }
  return table.rows.flatMap((row, rowIndex) => {
    const cell = row[column];
    const text = cell?.kind === 'text' ? cell.text : '';
    const line = lineOfTherapy(text);
    return line && line !== index
      ? [{ rowIndex, path: [...rowPath(table, rowIndex), column], population: text, line }]
      : [];
  });
}

export const populationMismatch: IntegrityRule = {
  id: 'R14',
  title: 'comparators come from the same line of therapy as the index population',
  severity: 'warning',
  check(model) {
    return model.brief.indications.flatMap((indication) => {
      const table = model.tables.get(`${indication.id}.comparison`);
      const index = indexLine(indication);
      if (!table || !index) return [];
      return populationMismatches(indication, table).map((m): Finding => ({
        rule: 'R14',
        severity: 'warning',
        path: m.path,
        message: `${m.rowIndex !== undefined ? `"${rowLabel(table, m.rowIndex)}": ` : ''}population "${m.population}" is ${lineNames[m.line]}, but the ${indication.abbreviation} index population is ${lineNames[index]}`,
        hint: 'compare like with like, or keep the row and let the caveat under the table say why it is not comparable',
      }));
    });
  },
};

export const armSums: IntegrityRule = {
  id: 'R20',
  title: 'arm sizes add up to the number enrolled',
  severity: 'error',
  check(model: BriefModel) {
    return model.brief.indications.flatMap((indication, i) =>
      indication.protocols.flatMap((protocol, p): Finding[] => {
        const sizes = protocol.arms?.items.map((arm) => arm.patients) ?? [];
        if (protocol.enrolled === undefined || sizes.length === 0 || sizes.some((s) => s === undefined))
          return [];
        const total = sizes.reduce((a = 0, b = 0) => a + b, 0) ?? 0;
        if (total === protocol.enrolled) return [];
        return [
          {
            rule: 'R20',
            severity: 'error',
            path: ['indications', i, 'protocols', p, 'enrolled'],
            message: `arm sizes ${sizes.join(' + ')} = ${total} do not add up to the ${protocol.enrolled} patients enrolled`,
            hint: 'correct an arm size or the total; if some patients were not randomised, say so in the design',
          },
        ];
      }),
    );
  },
};
