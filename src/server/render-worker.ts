/**
 * A render worker thread: runs the core call (`generateBrief`) off the server's event loop, so
 * a render never stalls health checks, uploads or other downloads, and a render that passes its
 * timeout can really be stopped (the pool terminates the thread).
 *
 * Jobs carry the template set the server read at start-up (the one its inputs hashes cover), so
 * a thread started later (after a timeout killed one) renders with the same templates; each
 * thread compiles a set once. The result crosses to the main thread by structured
 * clone (the PDF Buffer arrives as a Uint8Array; at tens of kilobytes the copy is negligible).
 */
import type { PageSize } from '../pdf/assemble.js';
import type { IntegrityConfig } from '../integrity/config.js';
import { generateBrief, type GenerateResult } from '../pipeline.js';
import { compiledTemplates } from '../jobs/execute.js';
import type { TemplateFile } from '../prose/templates.js';

export interface RenderJob {
  file: string;
  text: string;
  pageSize: PageSize;
  templates: TemplateFile[];
  templatesKey: string;
  integrity?: IntegrityConfig;
  dataNotes?: boolean;
}

export default async function render(job: RenderJob): Promise<GenerateResult> {
  return generateBrief({
    file: job.file,
    text: job.text,
    pageSize: job.pageSize,
    templates: compiledTemplates(job.templatesKey, job.templates),
    ...(job.integrity ? { integrity: job.integrity } : {}),
    dataNotes: job.dataNotes ?? false,
  });
}
