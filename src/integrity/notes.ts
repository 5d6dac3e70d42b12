/**
 * The "Data notes" appendix (`build --data-notes`): the integrity warnings and notes of a brief
 * that was built anyway, so a reader of the PDF sees what the checks found in its data.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Diagnostic } from '../errors/diagnostic.js';

export function dataNotesContent(diagnostics: readonly Diagnostic[]): Content[] {
  const notes = diagnostics.filter((d) => /^R\d+$/.test(d.rule));
  if (notes.length === 0) return [];
  return [
    {
      text: 'Data notes',
      style: 'h2',
      pageBreak: 'before',
      id: 'data-notes',
      outline: true,
      outlineText: 'Data notes',
      headlineLevel: 2,
    } as Content,
    {
      text: `briefsmith's integrity checks found the following in this brief's data (rule ids as in docs/integrity.md). The content above is reproduced as given.`,
      style: 'paragraph',
    },
    {
      ol: notes.map((d) => ({
        text: [
          { text: `${d.rule} ${d.severity}`, bold: true },
          { text: ` · ${d.path}${d.position ? ` (line ${d.position.line})` : ''}: ` },
          { text: d.message },
          ...(d.regraded
            ? [{ text: `. Re-graded from ${d.regraded.from}: ${d.regraded.reason}.`, italics: true }]
            : []),
        ],
        margin: [0, 0, 0, 3],
      })),
      style: 'list',
      fontSize: 8.5,
    } as Content,
  ];
}
