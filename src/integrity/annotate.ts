/**
 * Adds what the integrity work shows in the PDF to the analysed tables: the interval method
 * (table setting, else the brief's, else Clopper–Pearson) and the cross-trial caveat of each
 * comparator table. Runs once on a freshly analysed model, before rendering.
 */
import type { BriefModel } from '../analysis/model.js';
import { comparisonCaveat } from './caveat.js';
import { defaultIntervalMethod } from './intervals.js';

export function annotateTables(model: BriefModel): BriefModel {
  const briefMethod = model.brief.integrity?.interval ?? defaultIntervalMethod;
  const tables = new Map(
    [...model.tables].map(([id, table]) => [id, { ...table, interval: table.interval ?? briefMethod }]),
  );
  for (const indication of model.brief.indications) {
    const id = `${indication.id}.comparison`;
    const table = tables.get(id);
    const caveat = comparisonCaveat({ ...model, tables }, indication);
    if (table && caveat) tables.set(id, { ...table, caveat });
  }
  return { ...model, tables };
}
