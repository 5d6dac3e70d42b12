/**
 * Renders briefs in a pool of worker threads (piscina) running src/server/render-worker.ts.
 *
 * The worker file is always the compiled one in dist/ (`npm run build`): worker threads cannot
 * load TypeScript, and src/server and dist/server sit at the same depth, so one relative path
 * works whether this module runs from dist (the CLI) or from src (the tests, after the build).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Piscina } from 'piscina';
import type { GenerateResult } from '../pipeline.js';
import { HttpProblem } from './problems.js';
import type { RenderJob } from './render-worker.js';

/** Old-generation heap per render thread; the reference brief peaks well under 128 MB. */
export const renderHeapLimitMb = 256;

export const renderWorkerFile = resolve(import.meta.dirname, '../../dist/server/render-worker.js');

export class WorkerRenderer {
  private readonly pool: Piscina<RenderJob, GenerateResult>;

  constructor(threads: number) {
    if (!existsSync(renderWorkerFile)) {
      throw new Error(`render worker not built: ${renderWorkerFile} is missing; run npm run build`);
    }
    this.pool = new Piscina({
      filename: renderWorkerFile,
      minThreads: threads,
      maxThreads: threads,
      // The render queue in front bounds waiting; the pool never holds more than one job per thread.
      maxQueue: threads,
      idleTimeout: 60_000,
      // A bound per thread: V8 collects sooner (steadier RSS) and one huge brief cannot take the
      // host's memory; a render that needs more fails alone (422 below), the pool replaces the thread.
      resourceLimits: { maxOldGenerationSizeMb: renderHeapLimitMb },
    });
  }

  /** Renders in a worker; aborting `signal` terminates that worker (the pool starts a fresh one). */
  async render(job: RenderJob, signal: AbortSignal): Promise<GenerateResult> {
    const result = await this.pool.run(job, { signal }).catch((error: unknown) => {
      if ((error as { code?: string }).code === 'ERR_WORKER_OUT_OF_MEMORY') {
        throw new HttpProblem(
          422,
          'brief-too-large',
          `rendering this brief needs more than ${renderHeapLimitMb} MB; split it into smaller briefs`,
        );
      }
      throw error;
    });
    return result.ok
      ? { ...result, pdf: Buffer.from(result.pdf.buffer, result.pdf.byteOffset, result.pdf.byteLength) }
      : result;
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}
