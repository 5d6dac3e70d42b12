/**
 * A TableModel → a numbered, captioned pdfmake table whose header row repeats across pages,
 * with citation links in cells and footnotes underneath.
 */
import type { Content, TableCell as PdfCell } from 'pdfmake/interfaces.js';
import { formatCellValue, type TableCell } from '../analysis/cells.js';
import type { TableModel } from '../analysis/model.js';
import { parseInlineMarkup } from '../prose/markup.js';
import { citationRuns, inlineRuns, type CitationIndex, type TextRun } from './inlines.js';
import { rowMark, tableNotes, valueRuns } from '../integrity/table-text.js';

export interface Numbering {
  table: number;
  figure: number;
}

/**
 * The caption is the table's first header row (spanning all columns), so it repeats on every
 * page with the column headers and can never be stranded apart from the table.
 */
export function tableContent(
  table: TableModel,
  number: number,
  citations: CitationIndex,
  width: number,
): Content {
  const columnCount = table.columns.length;
  const widths = columnWidths(table, width);
  const caption: PdfCell = {
    text: [
      { text: `Table ${number}. `, style: 'captionLabel' },
      ...inlineRuns(parseInlineMarkup(table.title), citations),
      ...citationRuns(table.cite, citations),
    ],
    style: 'caption',
    colSpan: columnCount,
    fillColor: null,
    margin: [-5, 0, 0, 0],
    id: `table-${table.id}`,
  } as unknown as PdfCell;
  const body: PdfCell[][] = [
    [caption, ...Array.from({ length: columnCount - 1 }, () => ({}))],
    table.columns.map((column) => ({ text: column.label, style: 'tableHeader' })),
    ...table.rows.map((row, rowIndex) =>
      table.columns.map((column, index) =>
        withRowMark(
          cellContent(row[index], column.role, citations, table, widths[index] ?? 0),
          column.role,
          table,
          rowIndex,
        ),
      ),
    ),
  ];
  const notes: Content[] = [...table.footnotes, ...tableNotes(table)].map((note) => ({
    text: inlineRuns(parseInlineMarkup(note), citations),
    style: 'tableNote',
  }));
  return {
    stack: [
      {
        table: {
          headerRows: 2,
          keepWithHeaderRows: 1,
          dontBreakRows: true,
          widths,
          body,
        },
        layout: 'brief',
      },
      ...notes,
    ],
    margin: [0, 4, 0, 10],
  };
}

function cellContent(
  cell: TableCell | undefined,
  role: string,
  citations: CitationIndex,
  table: TableModel,
  columnWidth: number,
): PdfCell {
  if (!cell) return { text: '', style: 'tableCell' };
  const value: TextRun[] =
    cell.kind === 'text'
      ? inlineRuns(parseInlineMarkup(cell.text), citations)
      : (valueRuns(cell, table, columnWidth) ?? [{ text: formatCellValue(cell) }]);
  const cites = citationRuns(cell.cite, citations);
  return {
    text: cites.length ? [...value, { text: ' ' }, ...cites] : value,
    style: 'tableCell',
    bold: role === 'label' ? true : undefined,
  };
}

/** The caveat's † after the label of a row that is not like-for-like. */
function withRowMark(cell: PdfCell, role: string, table: TableModel, rowIndex: number): PdfCell {
  const mark = role === 'label' ? rowMark(table, rowIndex) : undefined;
  const content = cell as { text: TextRun[] };
  return mark ? ({ ...content, text: [...content.text, { text: mark }] } as PdfCell) : cell;
}

/** Label and population columns get room to wrap; value columns share the rest evenly. */
function columnWidths(table: TableModel, width: number): number[] {
  const weights = table.columns.map((column) =>
    column.role === 'label' ? 1.5 : column.role === 'population' ? 1.25 : 1,
  );
  const total = weights.reduce((a, b) => a + b, 0);
  const padding = 10 * table.columns.length;
  return weights.map((w) => ((width - padding) * w) / total);
}
