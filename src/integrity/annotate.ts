/**
 * Adds what the integrity work shows in the PDF to the analysed tables: the cross-trial caveat
 * of each comparator table. Runs once on a freshly analysed model, before rendering.
 */
import type { BriefModel } from '../analysis/model.js';
import { comparisonCaveat } from './caveat.js';

export function annotateTables(model: BriefModel): BriefModel {
  const tables = new Map(model.tables);
  for (const indication of model.brief.indications) {
    const id = `${indication.id}.comparison`;
    const table = tables.get(id);
    const caveat = comparisonCaveat({ ...model, tables }, indication);
    if (table && caveat) tables.set(id, { ...table, caveat });
  }
  return { ...model, tables };
}
