/**
 * The numbered reference list. Structured references (authors, journal, year) are formatted in
 * Vancouver style by citation-js (CSL), loaded only when a brief has such references; DOI and
 * PMID become links. References given only as a title or site are shown as given.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Reference } from '../data/schema.js';
import { referenceAnchor, type TextRun } from './inlines.js';

type CiteConstructor = new (data: unknown[]) => { format(kind: string, options: object): string };
let citeModule: Promise<CiteConstructor> | undefined;

async function loadCitationJs(): Promise<CiteConstructor> {
  citeModule ??= (async () => {
    const core = await import('@citation-js/core');
    await import('@citation-js/plugin-csl');
    return core.Cite as unknown as CiteConstructor;
  })();
  return citeModule;
}

export function isStructured(reference: Reference): boolean {
  return Boolean(reference.authors?.length && reference.title && reference.journal && reference.year);
}

/** Vancouver "Cortes J" → CSL name; initials are spaced so CSL keeps them all ("Ball ED"). */
function cslName(author: string): { family: string; given?: string } | { literal: string } {
  const match = /^(.+?)\s+([A-Z]{1,4})$/.exec(author.trim());
  if (!match) return { literal: author };
  return { family: match[1] ?? author, given: [...(match[2] ?? '')].map((c) => `${c}.`).join(' ') };
}

function toCsl(reference: Reference): object {
  return {
    id: reference.id,
    type: 'article-journal',
    title: reference.title,
    author: (reference.authors ?? []).map(cslName),
    'container-title': reference.journal,
    issued: { 'date-parts': [[reference.year]] },
    volume: reference.volume,
    issue: reference.issue,
    page: reference.pages,
  };
}

/** Formats the structured references of a brief, keyed by id, in one citation-js call. */
export async function formatStructuredReferences(
  references: readonly Reference[],
): Promise<Map<string, string>> {
  const structured = references.filter(isStructured);
  if (structured.length === 0) return new Map();
  const Cite = await loadCitationJs();
  return new Map(
    structured.map((reference) => {
      const text = new Cite([toCsl(reference)])
        .format('bibliography', { format: 'text', template: 'vancouver', lang: 'en-US' })
        .trim()
        .replace(/^1\.\s*/, '');
      return [reference.id, text];
    }),
  );
}

function identifierRuns(reference: Reference): TextRun[] {
  const runs: TextRun[] = [];
  if (reference.doi) {
    runs.push(
      { text: ' doi:' },
      { text: reference.doi, link: `https://doi.org/${reference.doi}`, style: 'link' },
    );
  }
  if (reference.pmid) {
    runs.push(
      { text: ' PMID: ' },
      { text: reference.pmid, link: `https://pubmed.ncbi.nlm.nih.gov/${reference.pmid}/`, style: 'link' },
    );
  }
  if (reference.pmcid) {
    runs.push(
      { text: ' ' },
      {
        text: reference.pmcid,
        link: `https://www.ncbi.nlm.nih.gov/pmc/articles/${reference.pmcid}/`,
        style: 'link',
      },
    );
  }
  return runs;
}

function asGivenRuns(reference: Reference): TextRun[] {
  const parts: TextRun[] = [];
  const title = reference.title ?? reference.domain ?? reference.url ?? reference.id;
  parts.push({ text: reference.site ? `${title} - ${reference.site}` : title });
  if (reference.domain) parts.push({ text: ` [${reference.domain}]`, color: '#5b6770' });
  if (reference.url)
    parts.push({ text: ' Available from: ' }, { text: reference.url, link: reference.url, style: 'link' });
  return parts;
}

export function referenceListContent(
  orderedIds: readonly string[],
  references: ReadonlyMap<string, Reference>,
  formatted: ReadonlyMap<string, string>,
): Content {
  const entries = orderedIds.map((id, index) => {
    const reference = references.get(id) as Reference;
    const body = formatted.get(id);
    const runs: TextRun[] = body
      ? [{ text: body }, ...identifierRuns(reference)]
      : [...asGivenRuns(reference), ...identifierRuns(reference)];
    return {
      columns: [
        { text: `${index + 1}.`, width: 18, alignment: 'right' as const, id: referenceAnchor(id) },
        { text: runs, width: '*' as const },
      ],
      columnGap: 6,
      style: 'reference',
    };
  });
  return { stack: entries, margin: [0, 0, 0, 8] };
}
