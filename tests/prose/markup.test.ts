/** The intermediate markup: Markdown, [@id] citations and @[kind](argument) directives. */
import { describe, expect, test } from 'vitest';
import { parseInlineMarkup, parseMarkup } from '../../src/prose/markup.js';
import { citationMarkup, formatFraction, formatIssueDate, formatPercent } from '../../src/prose/helpers.js';

describe('parseMarkup', () => {
  test('headings, emphasis, citations and directives become blocks', () => {
    const blocks = parseMarkup('## Results\n\nThe **rate** was *low*.[@a; @b]\n\n@[table](aml.results)\n');
    expect(blocks).toEqual([
      { type: 'heading', level: 2, inlines: [{ type: 'text', text: 'Results' }], line: 1 },
      {
        type: 'paragraph',
        line: 3,
        inlines: [
          { type: 'text', text: 'The ' },
          { type: 'text', text: 'rate', bold: true },
          { type: 'text', text: ' was ' },
          { type: 'text', text: 'low', italic: true },
          { type: 'text', text: '.' },
          { type: 'cite', ids: ['a', 'b'] },
        ],
      },
      { type: 'directive', kind: 'table', argument: 'aml.results', line: 5 },
    ]);
  });

  test('nested lists keep their nesting', () => {
    const [list] = parseMarkup('- one\n- two:\n  - a\n  - b\n');
    expect(list?.type).toBe('list');
    if (list?.type !== 'list') return;
    expect(list.items).toHaveLength(2);
    expect(list.items[1]?.[1]).toMatchObject({
      type: 'list',
      items: [[{ type: 'paragraph' }], [{ type: 'paragraph' }]],
    });
  });

  test('ordinary brackets are not citations and a directive must stand alone', () => {
    expect(parseInlineMarkup('[Online PDF] and [@ref]')).toEqual([
      { type: 'text', text: '[Online PDF] and ' },
      { type: 'cite', ids: ['ref'] },
    ]);
    expect(parseMarkup('see @[table](x) here')[0]?.type).toBe('paragraph');
  });
});

describe('template helpers', () => {
  test('format dates, citations, percentages and fractions', () => {
    expect(formatIssueDate('2025-12')).toBe('December 2025');
    expect(formatIssueDate('2025-12-03')).toBe('3 December 2025');
    expect(citationMarkup(['cortes-2012', 'xu-2018'])).toBe('[@cortes-2012; @xu-2018]');
    expect(citationMarkup(undefined)).toBe('');
    expect(formatPercent('35.0')).toBe('35.0%');
    expect(formatFraction(10, 53)).toBe('10/53');
  });
});
