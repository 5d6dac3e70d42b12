/**
 * The cross-trial caveat under a comparator table, written from the data. Comparator rows come
 * from other studies than the index trial, so a side-by-side table is an unanchored indirect
 * comparison (Phillippo et al. 2018); rows whose population (line of therapy) or endpoint differs
 * from the index are "not like-for-like" and are marked † in the chart.
 */
import { isNumericCell } from '../analysis/cells.js';
import type { BriefModel, TableModel } from '../analysis/model.js';
import type { Indication } from '../data/schema.js';
import { indexLine, lineNames, populationMismatches } from './rules/design.js';
import { cellEndpoint, headerMixesEndpoints, reportedEndpoints, rowLabel } from './tables.js';

export interface Caveat {
  text: string;
  /** Comparator rows (indices into the table) that are not like-for-like with the index. */
  rows: number[];
}

function rowCitations(table: TableModel): string[] {
  return [...new Set([...table.cite, ...table.rows.flat().flatMap((cell) => cell.cite)])];
}

/** The endpoints a table reports, upper-cased for comparing ("cr" and "CR" are one endpoint). */
function tableEndpoints(table: TableModel): Set<string> {
  return new Set([...reportedEndpoints(table)].map((endpoint) => endpoint.toUpperCase()));
}

export function comparisonCaveat(model: BriefModel, indication: Indication): Caveat | undefined {
  const results = model.tables.get(`${indication.id}.results`);
  const table = model.tables.get(`${indication.id}.comparison`);
  if (!results || !table || table.rows.length === 0) return undefined;
  const compound = model.brief.meta.compound.name;
  const sources = rowCitations(table);
  const parts = [
    `Cross-trial comparison: the rows come from ${sources.length > 0 ? `other studies [${sources.map((id) => `@${id}`).join('; ')}]` : 'other, uncited studies'} than the ${compound} results; they were not randomised against ${compound}, so differences in design, population and endpoint definitions can account for differences in rates.`,
  ];
  const marked = new Map<number, string[]>();
  const mark = (row: number, why: string) => marked.set(row, [...(marked.get(row) ?? []), why]);
  const index = indexLine(indication);
  for (const mismatch of populationMismatches(indication, table)) {
    if (mismatch.rowIndex !== undefined) mark(mismatch.rowIndex, lineNames[mismatch.line]);
    else
      parts.push(
        `The comparators are ${lineNames[mismatch.line]}; the ${compound} population is ${index ? lineNames[index] : 'different'}.`,
      );
  }
  const indexEndpoints = tableEndpoints(results);
  table.rows.forEach((row, r) => {
    const other = row.flatMap((cell, c) => {
      const endpoint = isNumericCell(cell) ? cellEndpoint(table, c, cell) : undefined;
      return endpoint && !indexEndpoints.has(endpoint.toUpperCase()) ? [endpoint] : [];
    });
    if (other.length > 0)
      mark(r, `reports ${[...new Set(other)].join(', ')}, which the ${compound} table does not`);
  });
  if (marked.size > 0) {
    const list = [...marked].map(([r, why]) => `${rowLabel(table, r)}: ${why.join('; ')}`).join('; ');
    parts.push(
      `Not like-for-like (†)${index ? `, against a ${lineNames[index]} ${compound} population` : ''}: ${list}.`,
    );
  }
  const mixedColumn = table.columns.find(headerMixesEndpoints);
  if (mixedColumn) {
    const reported = [...tableEndpoints(table)].join(', ');
    parts.push(
      `The column "${mixedColumn.label}" mixes endpoints; its rows report ${reported || 'no figures'}.`,
    );
  }
  return { text: parts.join(' '), rows: [...marked.keys()].sort((a, b) => a - b) };
}
