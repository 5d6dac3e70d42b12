/**
 * End to end: the Cenersen brief is built, its PDF parsed with pdfjs-dist, and the text must
 * show the intervals with their method, the cross-trial caveats and the † marks; with
 * dataNotes the appendix lists the findings.
 */
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateBrief } from '../../src/pipeline.js';

async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= document.numPages; i++) {
    const content = await (await document.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await document.destroy();
  return pages;
}

/** Line breaks inside table cells split phrases; compare without whitespace. */
const squash = (s: string) => s.replace(/\s+/g, '');

const text = readFileSync('data/cenersen.yaml', 'utf8');
let pages: string[] = [];
let withNotes: string[] = [];

beforeAll(async () => {
  const plain = await generateBrief({ file: 'data/cenersen.yaml', text });
  const noted = await generateBrief({ file: 'data/cenersen.yaml', text, dataNotes: true });
  if (!plain.ok || !noted.ok) throw new Error('the Cenersen brief did not build');
  pages = await pdfText(plain.pdf);
  withNotes = await pdfText(noted.pdf);
});

describe('the Cenersen PDF', () => {
  it('prints each rate with n/N and its 95% CI, and names the method', () => {
    const all = squash(pages.join(' '));
    expect(all).toContain(squash('19% (10/53; 95% CI 9.4–32.0)'));
    expect(all).toContain(squash('15% (8/53; 95% CI 6.7–27.6)'));
    expect(all).toContain(squash('exact (Clopper–Pearson) method'));
  });

  it('prints the cross-trial caveat under both comparator tables and marks rows that are not like-for-like', () => {
    const all = pages.join(' ');
    expect(all.match(/Caveat\./g)).toHaveLength(2);
    expect(squash(all)).toContain(squash('Cross-trial comparison: the rows come from other studies'));
    expect(squash(all)).toContain(squash('FCR (in high-risk, del(17p) CLL) †'));
    expect(squash(all)).toContain(squash('† Not like-for-like with the index population or endpoint'));
  });

  it('has a Data notes appendix only when asked', () => {
    expect(pages.join(' ')).not.toContain('Data notes');
    const last = withNotes.at(-1) ?? '';
    expect(withNotes.length).toBeGreaterThan(pages.length);
    expect(withNotes.join(' ')).toContain('Data notes');
    expect(squash(withNotes.join(' '))).toContain(squash('R1 warning'));
    expect(squash(withNotes.join(' '))).toContain(squash('Re-graded from error: reproduced as published'));
    expect(last.length).toBeGreaterThan(0);
  });
});
