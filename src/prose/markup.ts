/**
 * The intermediate markup between Handlebars output and the PDF: CommonMark (markdown-it) plus
 * two small extensions, documented in docs/templates.md:
 *
 *   [@cortes-2012]  or  [@a; @b]   inline citation, numbered in order of first use
 *   @[table](aml.results)          block directive on a line of its own: a table, chart,
 *   @[figure](workflow)            figure, the title block or the reference list
 *
 * `parseMarkup` turns the text into a small block tree that the PDF stage lays out;
 * nothing here knows about pdfmake.
 */
import MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type Token from 'markdown-it/lib/token.mjs';

export type Inline =
  | { type: 'text'; text: string; bold?: boolean; italic?: boolean; code?: boolean; href?: string }
  | { type: 'cite'; ids: string[] }
  | { type: 'break' };

export type Block =
  | { type: 'heading'; level: number; inlines: Inline[]; line: number }
  | { type: 'paragraph'; inlines: Inline[]; line: number }
  | { type: 'list'; ordered: boolean; items: Block[][]; line: number }
  | { type: 'directive'; kind: string; argument: string; line: number }
  | { type: 'rule'; line: number };

const citationPattern = /^\[@([a-z0-9][a-z0-9-]*(?:\s*;\s*@[a-z0-9][a-z0-9-]*)*)\]/;
const directivePattern = /^@\[([a-z-]+)\]\(([^)\s]*)\)\s*$/;

function citationRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */) return false;
  const match = citationPattern.exec(state.src.slice(state.pos));
  if (!match) return false;
  if (!silent) {
    const token = state.push('citation', '', 0);
    token.meta = { ids: (match[1] ?? '').split(';').map((id) => id.trim().replace(/^@/, '')) };
  }
  state.pos += match[0].length;
  return true;
}

function directiveRule(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const start = (state.bMarks[startLine] ?? 0) + (state.tShift[startLine] ?? 0);
  const line = state.src.slice(start, state.eMarks[startLine]);
  const match = directivePattern.exec(line);
  if (!match) return false;
  if (silent) return true;
  const token = state.push('directive', '', 0);
  token.meta = { kind: match[1], argument: match[2] };
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
  md.inline.ruler.before('link', 'citation', citationRule);
  md.block.ruler.before('paragraph', 'directive', directiveRule, { alt: ['paragraph'] });
  return md;
}

const markdown = createMarkdown();

export function parseMarkup(text: string): Block[] {
  return new BlockReader(markdown.parse(text, {})).readBlocks();
}

/** Walks markdown-it's flat token stream and rebuilds the nesting as Blocks. */
class BlockReader {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}

  readBlocks(closing?: string): Block[] {
    const blocks: Block[] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++] as Token;
      if (token.type === closing) break;
      const block = this.readBlock(token);
      if (block) blocks.push(block);
    }
    return blocks;
  }

  private readBlock(token: Token): Block | undefined {
    const line = (token.map?.[0] ?? 0) + 1;
    switch (token.type) {
      case 'heading_open':
        return { type: 'heading', level: Number(token.tag.slice(1)), inlines: this.readInlineThen(), line };
      case 'paragraph_open':
        return { type: 'paragraph', inlines: this.readInlineThen(), line };
      case 'bullet_list_open':
      case 'ordered_list_open':
        return {
          type: 'list',
          ordered: token.type === 'ordered_list_open',
          items: this.readListItems(),
          line,
        };
      case 'directive':
        return { type: 'directive', kind: token.meta.kind, argument: token.meta.argument, line };
      case 'hr':
        return { type: 'rule', line };
      case 'fence':
      case 'code_block':
        return {
          type: 'paragraph',
          inlines: [{ type: 'text', text: token.content.trimEnd(), code: true }],
          line,
        };
      default:
        return undefined;
    }
  }

  /** Reads the inline token inside a heading or paragraph and skips its closing token. */
  private readInlineThen(): Inline[] {
    const inline = this.tokens[this.index++] as Token;
    this.index++;
    return readInlines(inline.children ?? []);
  }

  private readListItems(): Block[][] {
    const items: Block[][] = [];
    while (this.index < this.tokens.length) {
      const token = this.tokens[this.index++] as Token;
      if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') break;
      if (token.type === 'list_item_open') items.push(this.readBlocks('list_item_close'));
    }
    return items;
  }
}

function readInlines(children: Token[]): Inline[] {
  const inlines: Inline[] = [];
  const style = { bold: 0, italic: 0 };
  let href: string | undefined;
  for (const child of children) {
    switch (child.type) {
      case 'text':
      case 'code_inline': {
        const text: Inline = { type: 'text', text: child.content };
        if (style.bold > 0) text.bold = true;
        if (style.italic > 0) text.italic = true;
        if (child.type === 'code_inline') text.code = true;
        if (href) text.href = href;
        inlines.push(text);
        break;
      }
      case 'strong_open':
      case 'strong_close':
        style.bold += child.type === 'strong_open' ? 1 : -1;
        break;
      case 'em_open':
      case 'em_close':
        style.italic += child.type === 'em_open' ? 1 : -1;
        break;
      case 'link_open':
        href = child.attrGet('href') ?? undefined;
        break;
      case 'link_close':
        href = undefined;
        break;
      case 'softbreak':
        inlines.push({ type: 'text', text: ' ' });
        break;
      case 'hardbreak':
        inlines.push({ type: 'break' });
        break;
      case 'citation':
        inlines.push({ type: 'cite', ids: child.meta.ids });
        break;
    }
  }
  return inlines;
}

/** Inline markup only (emphasis, citations), for table cells and captions. */
export function parseInlineMarkup(text: string): Inline[] {
  const [inline] = markdown.parseInline(text, {});
  return readInlines(inline?.children ?? []);
}
