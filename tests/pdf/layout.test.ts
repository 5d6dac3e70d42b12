/**
 * Layout rules a reader notices: headings are never stranded at a page foot, long tables repeat
 * their caption and header, structured references are Vancouver-style with DOI/PubMed links.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Content } from 'pdfmake/interfaces.js';
import { describe, expect, test } from 'vitest';
import { checkBrief, generateBrief } from '../../src/pipeline.js';
import { assembleDocument } from '../../src/pdf/assemble.js';
import { renderPdf } from '../../src/pdf/render.js';
import { tableContent } from '../../src/pdf/tables.js';
import { keepHeadingsWithNext } from '../../src/pdf/content.js';
import { CitationIndex } from '../../src/pdf/inlines.js';
import type { TableModel } from '../../src/analysis/model.js';
import { flatten, parsePdf } from '../helpers/pdf.js';

const cenersen = readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8');
const { model } = checkBrief('cenersen.yaml', cenersen);
if (!model) throw new Error('the Cenersen brief must be valid');
const brief = model.brief;

describe('page breaks', () => {
  async function headingPageText(
    fillers: number,
    paragraph: string,
  ): Promise<{ heading: string; following: string }> {
    const content: Content[] = keepHeadingsWithNext([
      ...Array.from({ length: fillers }, (_, i) => ({ text: `Filler line ${i + 1}.`, style: 'paragraph' })),
      { text: 'Stranded Heading Test', style: 'h2', headlineLevel: 2 },
      { text: paragraph, style: 'paragraph' },
    ]);
    const pdf = await parsePdf(await renderPdf(assembleDocument(brief, content, 'A4')));
    const index = pdf.pages.findIndex((page) => page.includes('Stranded Heading Test'));
    return { heading: flatten(pdf.pages[index] ?? ''), following: flatten(pdf.pages[index + 1] ?? '') };
  }

  test('a heading that would end a page moves to the next one with its short paragraph', async () => {
    // Push the heading down one line at a time until it has crossed the foot of page 1.
    for (let fillers = 20; fillers <= 32; fillers++) {
      const { heading } = await headingPageText(fillers, 'First paragraph of the section.');
      expect(heading, `with ${fillers} filler lines`).toContain('First paragraph of the section.');
    }
  });

  test('a heading before a long paragraph is never the last line of its page', async () => {
    const long = `Opening words of a long section. ${'More text of the section follows here. '.repeat(30)}`;
    for (let fillers = 20; fillers <= 32; fillers++) {
      const { heading } = await headingPageText(fillers, long);
      expect(heading, `with ${fillers} filler lines`).toContain('Opening words of a long section.');
    }
  });

  test('a table longer than a page repeats its caption and header row on every page', async () => {
    const long: TableModel = {
      id: 'long',
      title: 'A long comparator table',
      columns: [
        { label: 'Regimen', role: 'label' },
        { label: 'Complete Remission (CR)', role: 'rate', endpoint: 'CR' },
      ],
      rows: Array.from({ length: 90 }, (_, i) => [
        { kind: 'text' as const, text: `Regimen ${i + 1}`, cite: [] },
        { kind: 'percent' as const, percent: { text: String(i), value: i }, cite: [] },
      ]),
      footnotes: [],
      cite: [],
      path: [],
      interval: 'clopper-pearson',
    };
    const table = tableContent(long, 1, new CitationIndex(new Set()), 470);
    const pdf = await parsePdf(await renderPdf(assembleDocument(brief, [table], 'A4')));
    expect(pdf.numPages).toBeGreaterThanOrEqual(2);
    for (const page of pdf.pages) {
      expect(page).toContain('Table 1. A long comparator table');
      expect(page).toContain('Complete Remission (CR)');
    }
    expect(flatten(pdf.text)).toContain('Regimen 90 89%');
  });
});

describe('structured references', () => {
  test('are set in Vancouver style with DOI and PubMed links', async () => {
    const structured = [
      '  - id: cortes-2012',
      '    authors: [Cortes J, Kantarjian H, Ball ED]',
      '    title: Phase 2 randomized study of p53 antisense oligonucleotide (cenersen) plus idarubicin',
      '    journal: Cancer',
      '    year: 2012',
      "    volume: '118'",
      "    issue: '2'",
      '    pages: 418-427',
      '    doi: 10.1002/cncr.26292',
      "    pmid: '21717444'",
    ].join('\n');
    const text = cenersen.replace(/ {2}- id: cortes-2012\n(?: {4}.*\n)+/, `${structured}\n`);
    const result = await generateBrief({ file: 'cenersen.yaml', text });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const pdf = await parsePdf(result.pdf);
    expect(flatten(pdf.text)).toContain(
      '2. Cortes J, Kantarjian H, Ball ED. Phase 2 randomized study of p53 antisense oligonucleotide (cenersen) plus idarubicin. Cancer. 2012;118(2):418–27. doi:10.1002/cncr.26292 PMID: 21717444',
    );
    const urls = pdf.links.map((link) => link.url).filter(Boolean);
    expect(urls).toContain('https://doi.org/10.1002/cncr.26292');
    expect(urls).toContain('https://pubmed.ncbi.nlm.nih.gov/21717444/');
  });
});
