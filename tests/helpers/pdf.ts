/**
 * Reads a PDF the way a user's viewer would (pdfjs-dist): page text, link annotations and where
 * they lead, the outline, metadata and font embedding. Tests assert on this, not on bytes.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfLink {
  page: number;
  /** Named destination for internal links, URL for external ones. */
  dest?: string;
  url?: string;
  /** Page number the internal destination resolves to. */
  targetPage?: number;
}

export interface PdfOutlineItem {
  title: string;
  items: PdfOutlineItem[];
}

export interface ParsedPdf {
  numPages: number;
  pageSizes: { width: number; height: number }[];
  pages: string[];
  text: string;
  links: PdfLink[];
  outline: PdfOutlineItem[];
  info: Record<string, unknown>;
  fonts: { name: string; embedded: boolean }[];
}

export async function parsePdf(bytes: Uint8Array): Promise<ParsedPdf> {
  const document = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, verbosity: 0 })
    .promise;
  const pages: string[] = [];
  const pageSizes: ParsedPdf['pageSizes'] = [];
  const links: PdfLink[] = [];
  const fonts = new Map<string, boolean>();
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const [, , width, height] = page.view;
    pageSizes.push({ width: width ?? 0, height: height ?? 0 });
    const content = await page.getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join('')
        .replace(/[ \t]+/g, ' '),
    );
    for (const annotation of await page.getAnnotations()) {
      if (annotation.subtype !== 'Link') continue;
      const link: PdfLink = { page: number };
      if (annotation.url) link.url = annotation.url;
      if (typeof annotation.dest === 'string') {
        link.dest = annotation.dest;
        const destination = await document.getDestination(annotation.dest);
        if (destination?.[0]) link.targetPage = (await document.getPageIndex(destination[0])) + 1;
      }
      links.push(link);
    }
    await page.getOperatorList();
    for (const [name, font] of fontObjects(page)) fonts.set(name, !font.missingFile);
  }
  const outline = ((await document.getOutline()) ?? []).map(toOutline);
  const { info } = (await document.getMetadata()) as unknown as { info: Record<string, unknown> };
  await document.destroy();
  return {
    numPages: pages.length,
    pageSizes,
    pages,
    text: pages.join('\n'),
    links,
    outline,
    info,
    fonts: [...fonts].map(([name, embedded]) => ({ name, embedded })),
  };
}

function toOutline(item: { title: string; items: unknown[] }): PdfOutlineItem {
  return { title: item.title, items: (item.items as { title: string; items: unknown[] }[]).map(toOutline) };
}

/** Loaded font objects of a page (pdfjs keeps them in commonObjs once the page is parsed). */
function fontObjects(page: unknown): [string, { missingFile?: boolean }][] {
  const objs = (page as { commonObjs: { [Symbol.iterator](): Iterator<[string, unknown]> } }).commonObjs;
  const out: [string, { missingFile?: boolean }][] = [];
  for (const [id, value] of objs) {
    const font = value as { name?: string; missingFile?: boolean; loadedName?: string };
    if (font && typeof font === 'object' && 'missingFile' in font) out.push([font.name ?? id, font]);
  }
  return out;
}

/**
 * Text with whitespace and line breaks collapsed, for "does this phrase appear" checks; a line
 * that broke after a hyphen or slash joins without a space, as the reader sees it.
 */
export function flatten(text: string): string {
  return text.replace(/([-/])\n/g, '$1').replace(/\s+/g, ' ');
}

/** Page 1 of a PDF as RGB pixels at 100 dpi, rasterised by poppler's pdftoppm. */
export async function rasterFirstPage(pdf: Uint8Array): Promise<Buffer> {
  const folder = mkdtempSync(join(tmpdir(), 'briefsmith-raster-'));
  try {
    writeFileSync(join(folder, 'page.pdf'), pdf);
    const run = promisify(execFile);
    await run('pdftoppm', [
      '-r',
      '100',
      '-f',
      '1',
      '-l',
      '1',
      join(folder, 'page.pdf'),
      join(folder, 'page'),
    ]);
    const ppm = readFileSync(join(folder, 'page-1.ppm'));
    const [, width, height] = ppm.toString('latin1', 0, 20).split(/\s+/).map(Number);
    return ppm.subarray(ppm.length - width! * height! * 3);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
