/**
 * A render worker thread: runs the core call (`generateBrief`) off the server's event loop, so
 * a render never stalls health checks, uploads or other downloads, and a render that passes its
 * timeout can really be stopped (the pool terminates the thread).
 *
 * Templates are loaded once per worker. The result crosses to the main thread by structured
 * clone (the PDF Buffer arrives as a Uint8Array; at tens of kilobytes the copy is negligible).
 */
import type { PageSize } from '../pdf/assemble.js';
import type { IntegrityConfig } from '../integrity/config.js';
import { generateBrief, type GenerateResult } from '../pipeline.js';
import { loadTemplates, type TemplateSet } from '../prose/templates.js';

export interface RenderJob {
  file: string;
  text: string;
  pageSize: PageSize;
  templatesDir?: string;
  integrity?: IntegrityConfig;
  dataNotes?: boolean;
}

const templateSets = new Map<string, TemplateSet>();

function templatesFor(dir: string | undefined): TemplateSet {
  const key = dir ?? '';
  let set = templateSets.get(key);
  if (!set) {
    set = loadTemplates(dir);
    templateSets.set(key, set);
  }
  return set;
}

export default async function render(job: RenderJob): Promise<GenerateResult> {
  return generateBrief({
    file: job.file,
    text: job.text,
    pageSize: job.pageSize,
    templates: templatesFor(job.templatesDir),
    ...(job.integrity ? { integrity: job.integrity } : {}),
    dataNotes: job.dataNotes ?? false,
  });
}
