/**
 * What a worker does with one job: compile the job's template set (once per set, then reuse it),
 * run the pipeline, and return the PDF with the names of the templates the render touched.
 * Shared by the thread-pool worker, the in-process runner and a future queue worker.
 */
import { snapshotTemplates, type TemplateSnapshot } from '../batch/plan.js';
import { generateBrief } from '../pipeline.js';
import {
  compileTemplateSet,
  loadTemplates,
  type TemplateFile,
  type TemplateSet,
} from '../prose/templates.js';
import { crashed, type BuildJob, type JobResult } from './runner.js';

/** One compiled set per worker; a new key (templates edited in watch mode) replaces it. */
let cached: { key: string; set: TemplateSet } | undefined;

/** The template files a job carries, compiled once per thread for each key. */
export function compiledTemplates(key: string, files: TemplateFile[]): TemplateSet {
  if (cached?.key !== key) cached = { key, set: compileTemplateSet(files) };
  return cached.set;
}

/**
 * The template set a batch sends with its jobs. It is compiled here, so that a syntax error
 * stops the batch before any job, and kept, so that jobs run on this thread (InlineRunner: a
 * single brief) do not compile it a second time.
 */
export function loadBatchTemplates(overrideDir?: string): TemplateSnapshot {
  const set = loadTemplates(overrideDir);
  const snapshot = snapshotTemplates(set);
  cached = { key: snapshot.key, set };
  return snapshot;
}

export async function executeBuildJob(job: BuildJob): Promise<JobResult> {
  try {
    const templates = compiledTemplates(job.templatesKey, job.templates);
    let used: string[] = [];
    const recording: TemplateSet = {
      ...templates,
      render: (context) => {
        const rendered = templates.renderRecording(context);
        used = rendered.used;
        return rendered.markup;
      },
    };
    const result = await generateBrief({
      file: job.displayPath,
      text: job.text,
      templates: recording,
      pageSize: job.pageSize,
      ...(job.integrity ? { integrity: job.integrity } : {}),
      dataNotes: job.dataNotes ?? false,
    });
    if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
    const { pdf, pageCount, title, issued, diagnostics } = result;
    return { ok: true, pdf: ownedBytes(pdf), pageCount, title, issued, diagnostics, templatesUsed: used };
  } catch (error) {
    return crashed(error);
  }
}

/** A Buffer may be a view into a shared pool; transferring needs an ArrayBuffer of its own. */
export function ownedBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return new Uint8Array(bytes.buffer, 0, bytes.byteLength);
  }
  return new Uint8Array(bytes);
}
