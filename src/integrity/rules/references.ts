/**
 * Reference rules: R7 (each reference can be found: a title plus PMID, DOI or journal, year,
 * volume and pages; a bare host name is no reference), R8 (two entries that are the same
 * source) and R9 (every entry cited; no link that goes nowhere). Unresolved `[@id]` citations
 * are R9 errors raised by the analyse stage already.
 */
import { briefCitations, type BriefModel } from '../../analysis/model.js';
import type { Reference } from '../../data/schema.js';
import type { Finding, IntegrityRule } from '../types.js';
import { briefProse } from '../prose.js';

const bareHost = /^(\[?)[a-z0-9.-]+\.[a-z]{2,}(\]?)$/i;

const numbersByModel = new WeakMap<BriefModel, Map<string, number>>();

/** Reference ids in citation order (first use), then uncited ones in list order: the printed numbers. */
export function referenceNumbers(model: BriefModel): Map<string, number> {
  let numbers = numbersByModel.get(model);
  if (numbers) return numbers;
  const order = [...new Set(briefCitations(model.brief).map((c) => c.id))].filter((id) =>
    model.references.has(id),
  );
  const all = [...order, ...model.brief.references.map((r) => r.id).filter((id) => !order.includes(id))];
  numbers = new Map(all.map((id, index) => [id, index + 1]));
  numbersByModel.set(model, numbers);
  return numbers;
}

function describe(model: BriefModel, reference: Reference): string {
  return `reference ${referenceNumbers(model).get(reference.id) ?? '?'} (${reference.id})`;
}

function hasLocator(reference: Reference): boolean {
  return Boolean(
    reference.pmid ||
    reference.doi ||
    (reference.journal && reference.year && reference.volume && reference.pages),
  );
}

/** Nothing but where it was found: a host name such as "ashpublications.org", or a bare URL. */
function isBareHost(reference: Reference): boolean {
  return !(reference.title || reference.authors?.length || hasLocator(reference));
}

function hostOf(reference: Reference): string {
  if (reference.domain && bareHost.test(reference.domain)) return reference.domain;
  return reference.url ?? reference.domain ?? '(nothing)';
}

export const referenceCompleteness: IntegrityRule = {
  id: 'R7',
  title: 'each reference has a title and a PMID, DOI or journal-year-volume-pages; no bare host names',
  severity: 'error',
  check(model) {
    return model.brief.references.flatMap((reference, index): Finding[] => {
      const path = ['references', index];
      if (isBareHost(reference)) {
        return [
          {
            rule: 'R7',
            severity: 'error',
            path,
            message: `${describe(model, reference)} is only a host name ("${hostOf(reference)}"): a reader cannot find the source`,
            hint: 'give authors, title, journal, year;volume:pages and a DOI or PMID (look the article up on PubMed)',
          },
        ];
      }
      if (reference.title && hasLocator(reference)) return [];
      return [
        {
          rule: 'R7',
          severity: 'warning',
          path,
          message: `${describe(model, reference)} has ${reference.title ? 'a title but no PMID, DOI or journal-year-volume-pages' : 'no title'}`,
          hint: reference.title
            ? 'add the PMID or DOI (and journal, year, volume, pages) so the source can be checked'
            : 'add the article title',
        },
      ];
    });
  },
};

function referenceKey(reference: Reference): string {
  // The id and the site name ("PubMed") say nothing about which source it is.
  return JSON.stringify(
    Object.entries(reference)
      .filter(([key, value]) => value !== undefined && key !== 'id' && key !== 'site')
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => [key, String(value).toLowerCase().replace(/\s+/g, ' ').trim()]),
  );
}

export const duplicateReferences: IntegrityRule = {
  id: 'R8',
  title: 'no two references are the same source',
  severity: 'warning',
  check(model) {
    const seen = new Map<string, Reference>();
    return model.brief.references.flatMap((reference, index): Finding[] => {
      const keys = [
        `all:${referenceKey(reference)}`,
        ...(reference.doi ? [`doi:${reference.doi.toLowerCase()}`] : []),
        ...(reference.pmid ? [`pmid:${reference.pmid}`] : []),
      ];
      const earlier = keys.map((k) => seen.get(k)).find((r) => r !== undefined);
      keys.forEach((k) => seen.set(k, seen.get(k) ?? reference));
      if (!earlier) return [];
      return [
        {
          rule: 'R8',
          severity: 'warning',
          path: ['references', index],
          message: `${describe(model, reference)} is identical to ${describe(model, earlier)}`,
          hint: 'if they are the same source, cite one id; if not, give each its full details so readers can tell them apart',
        },
      ];
    });
  },
};

const deadLink = /\]\(\s*#?\s*\)|href\s*=\s*["']#["']/;

export const citationResolution: IntegrityRule = {
  id: 'R9',
  title: 'every reference is cited; no link points to "#" or nowhere',
  severity: 'warning',
  check(model) {
    const cited = new Set(briefCitations(model.brief).map((c) => c.id));
    const uncited = model.brief.references.flatMap((reference, index): Finding[] =>
      cited.has(reference.id)
        ? []
        : [
            {
              rule: 'R9',
              severity: 'warning',
              path: ['references', index, 'id'],
              message: `${describe(model, reference)} is never cited`,
              hint: `cite it where it is used ([@${reference.id}] in text or cite: [${reference.id}] on a value), or remove it`,
            },
          ],
    );
    const dead = briefProse(model.brief)
      .filter((s) => deadLink.test(s.text))
      .map((s): Finding => ({
        rule: 'R9',
        severity: 'warning',
        path: s.path,
        message: 'a link here points to "#" (nowhere)',
        hint: 'link to the source’s URL, or cite it with [@id] so the PDF links to the reference list',
      }));
    return [...uncited, ...dead];
  },
};
