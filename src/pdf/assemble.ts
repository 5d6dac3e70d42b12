/**
 * Assemble stage: content + brief metadata → a complete pdfmake document definition
 * (page size, running header, "Page X of Y" footer, metadata, keep-with-next for headings).
 * Dates come from the brief, never the clock, so the same input gives the same bytes.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { Brief } from '../data/schema.js';
import { defaultStyle, styles } from './styles.js';
import { version } from '../version.js';

export type PageSize = 'A4' | 'LETTER';

/** The page size as users write it (config, flags, query) as pdfmake names it. */
export function pdfPageSize(name: 'A4' | 'Letter'): PageSize {
  return name === 'Letter' ? 'LETTER' : 'A4';
}

const pageSizes: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  LETTER: { width: 612, height: 792 },
};

const margins = { left: 62, right: 62, top: 64, bottom: 58 };

export function contentWidth(pageSize: PageSize): number {
  return pageSizes[pageSize].width - margins.left - margins.right;
}

/** The brief's issue date as a fixed instant (UTC midnight), used for the PDF's dates and id. */
export function issueInstant(brief: Brief): Date {
  const [year, month, day] = brief.meta.issued.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

export function assembleDocument(brief: Brief, content: Content[], pageSize: PageSize): TDocumentDefinitions {
  const issued = issueInstant(brief);
  return {
    pageSize,
    pageMargins: [margins.left, margins.top, margins.right, margins.bottom],
    info: {
      title: brief.meta.title,
      author: brief.meta.organisation
        ? `${brief.meta.author}, ${brief.meta.organisation}`
        : brief.meta.author,
      subject: brief.meta.subject ?? `Comparative analysis: ${brief.meta.compound.name}`,
      keywords: brief.meta.keywords.join(', '),
      creator: `briefsmith ${version}`,
      producer: `briefsmith ${version} (pdfmake)`,
      creationDate: issued,
      modDate: issued,
    },
    language: brief.meta.language,
    displayTitle: true,
    subset: undefined,
    header: (currentPage: number) => runningHeader(brief, currentPage),
    footer: (currentPage: number, pageCount: number) => ({
      text: `Page ${currentPage} of ${pageCount}`,
      style: 'pageFooter',
      alignment: 'center',
      margin: [margins.left, 22, margins.right, 0],
    }),
    content,
    styles,
    defaultStyle,
    pageBreakBefore: (node, helpers) => headingWouldBeStranded(node, helpers),
  } as TDocumentDefinitions;
}

function runningHeader(brief: Brief, currentPage: number): Content {
  if (currentPage === 1) return { text: '' };
  return {
    columns: [
      { text: brief.meta.shortTitle, alignment: 'left', style: 'pageHeader' },
      { text: brief.meta.organisation ?? brief.meta.author, alignment: 'right', style: 'pageHeader' },
    ],
    style: 'pageHeader',
    margin: [margins.left, 30, margins.right, 0],
  };
}

interface NodeInfo {
  headlineLevel?: number;
  style?: unknown;
  startPosition: { verticalRatio: number };
}

const runningStyles = new Set(['pageHeader', 'pageFooter']);

/**
 * A heading moves to the next page when no body content follows it on its page (the running
 * header and footer, outside the margins, do not count). Headings followed by a short block are
 * already kept with it (content.ts), so this fires rarely: each time it does, pdfmake lays the
 * whole document out again.
 */
function headingWouldBeStranded(node: unknown, helpers: unknown): boolean {
  const info = node as NodeInfo;
  if (!info.headlineLevel) return false;
  const following = (helpers as { getFollowingNodesOnPage(): NodeInfo[] }).getFollowingNodesOnPage();
  return !following.some((next) => !runningStyles.has(String(next.style)));
}
