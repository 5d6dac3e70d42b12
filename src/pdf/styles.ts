/**
 * Typography and colours of the brief. Serif body for reading, sans for structure (headings,
 * tables, captions, charts); sizes on a small modular scale.
 */
import type { StyleDictionary, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontFamilies } from './fonts.js';

export const colours = {
  ink: '#1d2933',
  muted: '#5b6770',
  accent: '#1f5f8b',
  rule: '#b9c2ca',
  headerFill: '#eef2f5',
};

export const styles: StyleDictionary = {
  title: {
    font: fontFamilies.sans,
    fontSize: 21,
    bold: true,
    color: colours.ink,
    lineHeight: 1.1,
    margin: [0, 0, 0, 10],
  },
  front: { font: fontFamilies.sans, fontSize: 9.5, color: colours.muted, margin: [0, 0, 0, 3] },
  h2: { font: fontFamilies.sans, fontSize: 14, bold: true, color: colours.accent, margin: [0, 16, 0, 6] },
  h3: { font: fontFamilies.sans, fontSize: 11.5, bold: true, color: colours.ink, margin: [0, 11, 0, 5] },
  h4: {
    font: fontFamilies.sans,
    fontSize: 10.5,
    bold: true,
    italics: true,
    color: colours.ink,
    margin: [0, 8, 0, 4],
  },
  paragraph: { margin: [0, 0, 0, 7] },
  list: { margin: [0, 0, 0, 7] },
  cite: { color: colours.accent, font: fontFamilies.serif },
  caption: { font: fontFamilies.sans, fontSize: 8.5, color: colours.ink, margin: [0, 4, 0, 4] },
  captionLabel: { bold: true },
  tableHeader: { font: fontFamilies.sans, fontSize: 8.5, bold: true, color: colours.ink },
  tableCell: { font: fontFamilies.sans, fontSize: 8.5, color: colours.ink },
  tableNote: { font: fontFamilies.sans, fontSize: 7.5, color: colours.muted, margin: [0, 1, 0, 0] },
  chartNote: { font: fontFamilies.sans, fontSize: 7.5, color: colours.muted, margin: [0, 2, 0, 10] },
  reference: { fontSize: 8.5, lineHeight: 1.15, margin: [0, 0, 0, 3] },
  link: { color: colours.accent },
  pageHeader: { font: fontFamilies.sans, fontSize: 7.5, color: colours.muted },
  pageFooter: { font: fontFamilies.sans, fontSize: 7.5, color: colours.muted },
};

export const defaultStyle: TDocumentDefinitions['defaultStyle'] = {
  font: fontFamilies.serif,
  fontSize: 10,
  lineHeight: 1.25,
  color: colours.ink,
};

/**
 * Booktabs-like table rules: row 0 is the caption (no rule above it), then a heavy rule above
 * the column headers and at the end, a light one under the headers, hairlines between rows.
 */
export const tableLayout = {
  hLineWidth: (i: number, node: { table: { body: unknown[] } }) =>
    i === 0 ? 0 : i === 1 || i === node.table.body.length ? 0.9 : i === 2 ? 0.6 : 0.25,
  vLineWidth: () => 0,
  hLineColor: (i: number, node: { table: { body: unknown[] } }) =>
    i <= 2 || i === node.table.body.length ? colours.ink : colours.rule,
  fillColor: (row: number) => (row === 1 ? colours.headerFill : null),
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3.5,
  paddingBottom: () => 3.5,
};
