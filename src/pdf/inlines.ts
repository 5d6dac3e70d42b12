/**
 * Inline markup → pdfmake text runs. Citations become bracketed numbers that link to their
 * reference entries; the numbering is owned by a CitationIndex shared across the document.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Inline } from '../prose/markup.js';
import { BriefsmithError } from '../errors/errors.js';

export type TextRun = Exclude<Content, string | Content[]> & { text: unknown };

/** Numbers references in order of first citation. */
export class CitationIndex {
  private readonly numbers = new Map<string, number>();
  constructor(private readonly knownIds: ReadonlySet<string>) {}

  cite(id: string): number {
    if (!this.knownIds.has(id)) {
      throw new BriefsmithError('template', `citation "${id}" in a template does not match any reference id`);
    }
    let number = this.numbers.get(id);
    if (number === undefined) {
      number = this.numbers.size + 1;
      this.numbers.set(id, number);
    }
    return number;
  }

  /** Reference ids in citation order, then the uncited ones in list order. */
  ordered(allIds: readonly string[]): string[] {
    return [...this.numbers.keys(), ...allIds.filter((id) => !this.numbers.has(id))];
  }
}

export function referenceAnchor(id: string): string {
  return `ref-${id}`;
}

/** `[1, 3]` with each number linking to its reference. */
export function citationRuns(ids: readonly string[], citations: CitationIndex): TextRun[] {
  if (ids.length === 0) return [];
  const sorted = ids.map((id) => ({ id, n: citations.cite(id) })).sort((a, b) => a.n - b.n);
  const runs: TextRun[] = [{ text: '[', style: 'cite' }];
  sorted.forEach(({ id, n }, index) => {
    if (index > 0) runs.push({ text: ', ', style: 'cite' });
    runs.push({ text: String(n), style: 'cite', linkToDestination: referenceAnchor(id) });
  });
  runs.push({ text: ']', style: 'cite' });
  return runs;
}

export function inlineRuns(inlines: readonly Inline[], citations: CitationIndex): TextRun[] {
  return inlines.flatMap((inline): TextRun[] => {
    switch (inline.type) {
      case 'cite':
        return citationRuns(inline.ids, citations);
      case 'break':
        return [{ text: '\n' }];
      case 'text': {
        const run: TextRun = { text: inline.text };
        if (inline.bold) run.bold = true;
        if (inline.italic) run.italics = true;
        if (inline.href) Object.assign(run, { link: inline.href, style: 'link' });
        return [run];
      }
    }
  });
}

/** Plain text of inline markup, for bookmarks and metadata. */
export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.type === 'text' ? i.text : ''))
    .join('')
    .trim();
}
