/**
 * What a publishing batch takes from the resolved config, for `build` (and `--watch`) and for
 * scheduled runs alike: the template set, the page size, the data-notes switch and the integrity
 * settings.
 */
import type { ResolvedConfig } from '../config/load.js';
import { integrityFromConfig, type IntegrityConfig } from '../integrity/config.js';
import { loadBatchTemplates } from '../jobs/execute.js';
import { pdfPageSize, type PageSize } from '../pdf/assemble.js';
import type { TemplateSnapshot } from './plan.js';

export interface BatchSettings {
  templates: TemplateSnapshot;
  pageSize: PageSize;
  dataNotes: boolean;
  integrity?: IntegrityConfig;
}

export function batchSettingsFrom(config: ResolvedConfig): BatchSettings {
  const integrity = integrityFromConfig(config);
  return {
    templates: loadBatchTemplates(config.templates),
    pageSize: pdfPageSize(config.pageSize),
    dataNotes: config.dataNotes,
    ...(integrity ? { integrity } : {}),
  };
}
