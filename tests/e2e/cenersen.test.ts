/**
 * End to end: the real CLI builds the Cenersen brief; the PDF is read back as a viewer would.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { generateBrief } from '../../src/pipeline.js';
import { loadTemplates } from '../../src/prose/templates.js';
import { flatten, parsePdf, type ParsedPdf } from '../helpers/pdf.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '../..');
const cli = join(repo, 'bin/briefsmith.js');
const dataFile = join(repo, 'data/cenersen.yaml');

async function briefsmith(args: string[], cwd = repo) {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('briefsmith build data/cenersen.yaml', () => {
  let out: string;
  let pdfBytes: Buffer;
  let pdf: ParsedPdf;
  let stdout: string;
  let stderr: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'briefsmith-e2e-'));
    const result = await briefsmith(['build', dataFile, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    ({ stdout, stderr } = result);
    pdfBytes = readFileSync(join(out, 'cenersen.pdf'));
    pdf = await parsePdf(pdfBytes);
  });

  test('prints the output path, page count and size; stderr holds only the data findings', () => {
    expect(stdout).toMatch(new RegExp(`cenersen\\.pdf\\s+${pdf.numPages} pages\\s+\\d+\\.\\d KB`));
    // Every stderr line belongs to a diagnostic (head, hint or code frame): nothing from the
    // rendering libraries (pdfmake policies, vega) leaks out.
    const foreign = stderr
      .split('\n')
      .filter(
        (line) => line && !/^(\S+:\d+:\d+ (error|warning|info) R\d+ | {2}hint: |\s*\d* \| )/.test(line),
      );
    expect(foreign).toEqual([]);
  });

  test('is an A4 PDF of a handful of pages', () => {
    expect(pdfBytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.numPages).toBeGreaterThanOrEqual(5);
    expect(pdf.numPages).toBeLessThanOrEqual(8);
    expect(pdf.pageSizes[0]).toEqual({ width: 595.28, height: 841.89 });
  });

  test('contains every table value, protocol bullet and reference of the seed', () => {
    const text = flatten(pdf.text);
    const phrases = readFileSync(join(repo, 'tests/fixtures/cenersen/seed-phrases.txt'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'))
      .map(flatten);
    const missing = phrases.filter((phrase) => !text.includes(phrase));
    expect(missing).toEqual([]);
  });

  test('leaves out the web page widgets', () => {
    for (const widget of ['Get Quote', 'Click to download full resolution', 'Request Quote Online']) {
      expect(pdf.text).not.toContain(widget);
    }
  });

  test('numbers figures and tables, and footers every page', () => {
    const text = flatten(pdf.text);
    for (const caption of ['Table 1.', 'Table 4.', 'Figure 1.', 'Figure 2.', 'Figure 3.', 'Figure 4.']) {
      expect(text).toContain(caption);
    }
    pdf.pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${pdf.numPages}`));
    expect(pdf.pages[1]).toContain('Cenersen in Hematological Malignancies');
  });

  test('names unplottable comparator values under the chart instead of plotting them', () => {
    const text = flatten(pdf.text);
    expect(text).toContain('Not plotted: FCR (in high-risk, del(17p) CLL) †: ORR and CR not reported');
    expect(text).toContain('ORR “High”, CR “Varies” (qualitative)');
  });

  test('numbers citations in order of first use and links each to its reference entry', () => {
    const citationLinks = pdf.links.filter((link) => link.dest?.startsWith('ref-'));
    expect(new Set(citationLinks.map((link) => link.dest))).toEqual(
      new Set(
        [
          'researchgate',
          'cortes-2012',
          'ash-clag',
          'unc-cdr',
          'xu-2018',
          'lanasa-2012',
          'ash-venetoclax',
        ].map((id) => `ref-${id}`),
      ),
    );
    const referencesPage = pdf.pages.findIndex((page) => page.includes('References\n')) + 1;
    for (const link of citationLinks) expect(link.targetPage).toBe(referencesPage);
    expect(flatten(pdf.text)).toMatch(/Group 3: Cenersen \+ Idarubicin \+ high-dose Cytarabine\[2\]/);
    expect(flatten(pdf.text)).toContain('CR: 38%–47% [3, 4]');
    expect(flatten(pdf.text)).toContain('50% (continuous monotherapy) [7]');
  });

  test('has a bookmark for every section', () => {
    const titles = pdf.outline.map((item) => item.title);
    expect(titles).toEqual([
      'Mechanism of Action',
      'Efficacy in Acute Myeloid Leukemia (AML)',
      'Efficacy in Chronic Lymphocytic Leukemia (CLL)',
      'Experimental Workflow',
      'Summary and Conclusion',
      'References',
      'Disclaimer & Data Validity',
      'BenchChem',
    ]);
    expect(pdf.outline[1]?.items.map((item) => item.title)).toEqual([
      'Experimental Protocol: Phase II AML Trial (Cortes et al., 2012)',
      'Comparison with Alternative Salvage Chemotherapy in AML',
    ]);
  });

  test('carries the metadata', () => {
    expect(pdf.info).toMatchObject({
      Title: 'The Efficacy of Cenersen in Hematological Malignancies: A Comparative Analysis',
      Author: 'BenchChem Technical Support Team, BenchChem',
      Subject: expect.stringContaining('cenersen'),
      Keywords: expect.stringContaining('p53 antisense oligonucleotide'),
      CreationDate: 'D:20251201000000Z',
    });
  });

  test('embeds every font it uses, as subsets', () => {
    expect(pdf.fonts.length).toBeGreaterThanOrEqual(4);
    for (const font of pdf.fonts) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.name).toMatch(/^[A-Z]{6}\+/);
    }
  });

  test('gives byte-identical PDFs for the same input, in a new process and in the same process', async () => {
    const second = mkdtempSync(join(tmpdir(), 'briefsmith-e2e-'));
    expect((await briefsmith(['build', dataFile, '--out', second])).code).toBe(0);
    expect(readFileSync(join(second, 'cenersen.pdf')).equals(pdfBytes)).toBe(true);
    const templates = loadTemplates();
    const text = readFileSync(dataFile, 'utf8');
    const [a, b] = [
      await generateBrief({ file: 'x', text, templates }),
      await generateBrief({ file: 'x', text, templates }),
    ];
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) {
      expect(a.pdf.equals(pdfBytes)).toBe(true);
      expect(b.pdf.equals(pdfBytes)).toBe(true);
    }
  });

  test('renders US Letter with --page-size Letter', async () => {
    const letter = mkdtempSync(join(tmpdir(), 'briefsmith-e2e-'));
    expect((await briefsmith(['build', dataFile, '--out', letter, '--page-size', 'Letter'])).code).toBe(0);
    const parsed = await parsePdf(readFileSync(join(letter, 'cenersen.pdf')));
    expect(parsed.pageSizes[0]).toEqual({ width: 612, height: 792 });
  });
});

describe('briefsmith build with invalid data', () => {
  test('reports file:line:column, writes nothing and keeps the earlier PDF', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefsmith-bad-'));
    const out = join(dir, 'out');
    const file = join(dir, 'cenersen.yaml');
    cpSync(dataFile, file);
    expect((await briefsmith(['build', file, '--out', out])).code).toBe(0);
    const published = readFileSync(join(out, 'cenersen.pdf'));
    const before = statSync(join(out, 'cenersen.pdf')).mtimeMs;

    const broken = readFileSync(dataFile, 'utf8').replace(
      '{ percent: 24, endpoint: CR',
      '{ percent: "24%", endpoint: CR',
    );
    writeFileSync(file, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('"24%"')) + 1;
    const result = await briefsmith(['build', file, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cenersen.yaml:${line}:`);
    expect(result.stderr).toContain('indications[0].comparison.table.rows[1][1].percent');
    expect(result.stderr).toContain('write a plain decimal');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(readFileSync(join(out, 'cenersen.pdf')).equals(published)).toBe(true);
    expect(statSync(join(out, 'cenersen.pdf')).mtimeMs).toBe(before);
  });

  test('an --out that is a file is a clear file error (exit 3); a folder named x.yaml is not a brief', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefsmith-out-'));
    writeFileSync(join(dir, 'not-a-folder'), '');
    const result = await briefsmith(['build', dataFile, '--out', join(dir, 'not-a-folder')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('is a file, not a folder');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const data = join(dir, 'data');
    mkdirSync(join(data, 'odd.yaml'), { recursive: true });
    cpSync(dataFile, join(data, 'cenersen.yaml'));
    expect((await briefsmith(['validate', data])).code).toBe(0);
  });

  test('--help and --version answer, unknown options are usage errors (exit 2)', async () => {
    const help = await briefsmith(['build', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--page-size');
    expect((await briefsmith(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await briefsmith(['build', dataFile, '--bogus'])).code).toBe(2);
    expect((await briefsmith(['build', 'no/such/file.yaml'])).code).toBe(2);
  });
});
