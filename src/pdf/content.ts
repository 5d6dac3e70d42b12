/**
 * Blocks (parsed markup) → pdfmake content, in reading order. Headings get bookmarks and named
 * destinations; directives expand into numbered tables and figures and the reference list.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { BriefModel } from '../analysis/model.js';
import { BriefsmithError } from '../errors/errors.js';
import type { Block } from '../prose/markup.js';
import { inlineRuns, plainText, type CitationIndex } from './inlines.js';
import { referenceListContent } from './references.js';
import { tableContent, type Numbering } from './tables.js';
import { parseInlineMarkup } from '../prose/markup.js';
import type { Drawing } from '../charts/drawing.js';
import { drawingContent } from './drawings.js';

export interface RenderedFigure {
  /** A chart's recorded vega drawing or a flow figure's shapes, sized in points. */
  drawing: Drawing;
  caption: string;
  /** Values a chart could not plot, listed under it. */
  notes?: string[];
}

export interface ContentContext {
  model: BriefModel;
  /** Charts by indication id, flow figures by figure id. */
  charts: ReadonlyMap<string, RenderedFigure>;
  figures: ReadonlyMap<string, RenderedFigure>;
  formattedReferences: ReadonlyMap<string, string>;
  citations: CitationIndex;
  contentWidth: number;
}

export function blocksToContent(blocks: readonly Block[], context: ContentContext): Content[] {
  const state = {
    numbering: { table: 0, figure: 0 } as Numbering,
    headings: 0,
    parents: [] as string[],
    inFront: true,
  };
  return keepHeadingsWithNext(blocks.flatMap((block) => blockContent(block, context, state)));
}

/** Up to this many characters, the block after a heading moves with it as one unit. */
const compactBlockChars = 700;

/**
 * A heading and a short block after it (a paragraph, a list, a figure) are laid out as one
 * unbreakable unit, so the heading can never end a page. This is what keeps most headings off
 * page feet; `pageBreakBefore` (assemble.ts) catches the rest, at the price of pdfmake laying
 * out the whole document again for each heading it moves.
 */
export function keepHeadingsWithNext(content: Content[]): Content[] {
  const out: Content[] = [];
  for (let i = 0; i < content.length; i++) {
    const node = content[i] as Content;
    const next = content[i + 1];
    if (isHeading(node) && next !== undefined && isCompact(next)) {
      out.push({ stack: [node, next], unbreakable: true } as Content);
      i++;
    } else out.push(node);
  }
  return out;
}

function isHeading(node: Content): boolean {
  return typeof node === 'object' && node !== null && 'headlineLevel' in node && Boolean(node.headlineLevel);
}

function isCompact(node: Content): boolean {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return false;
  if ('unbreakable' in node && node.unbreakable) return true;
  if ('table' in node || isHeading(node)) return false;
  if (
    'stack' in node &&
    (node.stack ?? []).some((child) => typeof child === 'object' && child !== null && 'table' in child)
  ) {
    return false;
  }
  return textLength(node) <= compactBlockChars;
}

function textLength(node: unknown): number {
  if (typeof node === 'string') return node.length;
  if (Array.isArray(node)) return node.reduce((sum: number, child) => sum + textLength(child), 0);
  if (typeof node !== 'object' || node === null) return 0;
  const { text, stack, ul, ol } = node as { text?: unknown; stack?: unknown; ul?: unknown; ol?: unknown };
  return textLength(text) + textLength(stack) + textLength(ul) + textLength(ol);
}

interface LayoutState {
  numbering: Numbering;
  headings: number;
  /** Outline ids of the open heading at each level (index 0 = level 2). */
  parents: string[];
  /** Paragraphs between the title and the first rule or section heading form the title block. */
  inFront: boolean;
}

function blockContent(block: Block, context: ContentContext, state: LayoutState): Content[] {
  switch (block.type) {
    case 'heading':
      return [headingContent(block, context, state)];
    case 'paragraph':
      return [
        { text: inlineRuns(block.inlines, context.citations), style: state.inFront ? 'front' : 'paragraph' },
      ];
    case 'list':
      return [listContent(block, context, state)];
    case 'rule':
      state.inFront = false;
      return [
        {
          canvas: [
            {
              type: 'line',
              x1: 0,
              y1: 0,
              x2: context.contentWidth,
              y2: 0,
              lineWidth: 0.5,
              lineColor: '#b9c2ca',
            },
          ],
          margin: [0, 4, 0, 8],
        },
      ];
    case 'directive':
      return directiveContent(block, context, state);
  }
}

function headingContent(
  block: Extract<Block, { type: 'heading' }>,
  context: ContentContext,
  state: LayoutState,
): Content {
  const text = plainText(block.inlines);
  // An empty heading (e.g. a template field left blank) has no line for pdfmake to bookmark.
  if (!text) return { text: '' };
  if (block.level === 1) return { text: inlineRuns(block.inlines, context.citations), style: 'title' };
  state.inFront = false;
  const depth = Math.min(block.level, 4) - 2;
  const id = `section-${++state.headings}`;
  state.parents = [...state.parents.slice(0, depth), id];
  const parent = depth > 0 ? state.parents[depth - 1] : undefined;
  return {
    text: inlineRuns(block.inlines, context.citations),
    style: `h${Math.min(block.level, 4)}`,
    headlineLevel: block.level,
    id,
    outline: true,
    outlineText: text,
    ...(parent ? { outlineParentId: parent } : {}),
  } as Content;
}

function listContent(
  block: Extract<Block, { type: 'list' }>,
  context: ContentContext,
  state: LayoutState,
): Content {
  const items = block.items.map((item) => {
    const parts = item.flatMap((child) =>
      child.type === 'paragraph'
        ? [{ text: inlineRuns(child.inlines, context.citations) } as Content]
        : blockContent(child, context, state),
    );
    return parts.length === 1 ? (parts[0] as Content) : { stack: parts };
  });
  const list = block.ordered ? { ol: items } : { ul: items };
  return { ...list, style: 'list', markerColor: '#5b6770' } as Content;
}

function directiveContent(
  block: Extract<Block, { type: 'directive' }>,
  context: ContentContext,
  state: LayoutState,
): Content[] {
  const { kind, argument } = block;
  switch (kind) {
    case 'table': {
      const table = context.model.tables.get(argument);
      if (!table) throw unknownTarget(block, [...context.model.tables.keys()]);
      return [tableContent(table, ++state.numbering.table, context.citations, context.contentWidth)];
    }
    case 'chart': {
      const chart = context.charts.get(argument);
      return chart ? [figureContent(chart, ++state.numbering.figure, `chart-${argument}`, context)] : [];
    }
    case 'figure': {
      const figure = context.figures.get(argument);
      if (!figure) throw unknownTarget(block, [...context.figures.keys()]);
      return [figureContent(figure, ++state.numbering.figure, `figure-${argument}`, context)];
    }
    case 'references': {
      const ids = context.citations.ordered([...context.model.references.keys()]);
      return [referenceListContent(ids, context.model.references, context.formattedReferences)];
    }
    default:
      throw new BriefsmithError(
        'template',
        `unknown directive @[${kind}] at markup line ${block.line}; use table, chart, figure or references`,
      );
  }
}

function figureContent(figure: RenderedFigure, number: number, id: string, context: ContentContext): Content {
  const { drawing } = figure;
  const scale = Math.min(1, context.contentWidth / drawing.width);
  const notes = figure.notes?.length
    ? [{ text: `Not plotted: ${figure.notes.join('; ')}.`, style: 'chartNote' } as Content]
    : [];

  return {
    stack: [
      drawingContent(drawing, drawing.width * scale, drawing.height * scale),
      {
        text: [
          { text: `Figure ${number}. `, style: 'captionLabel' },
          ...inlineRuns(parseInlineMarkup(figure.caption), context.citations),
        ],
        style: 'caption',
        id,
      },
      ...notes,
    ],
    unbreakable: true,
    margin: [0, 6, 0, notes.length ? 0 : 10],
  } as Content;
}

function unknownTarget(block: Extract<Block, { type: 'directive' }>, known: string[]): BriefsmithError {
  return new BriefsmithError(
    'template',
    `@[${block.kind}](${block.argument}) names nothing in this brief; known: ${known.join(', ') || '(none)'}`,
  );
}
