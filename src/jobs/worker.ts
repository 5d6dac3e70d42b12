/**
 * The piscina worker entry: one thread runs one job at a time through `executeBuildJob` and
 * transfers the PDF's ArrayBuffer back instead of copying it.
 */
import { Piscina } from 'piscina';
import { executeBuildJob } from './execute.js';
import type { BuildJob, JobResult } from './runner.js';

/** Piscina's movable protocol: the value to return and the buffers to transfer with it. */
class TransferredResult {
  constructor(private readonly result: JobResult) {}
  get [Piscina.transferableSymbol](): ArrayBufferLike[] {
    return this.result.ok ? [this.result.pdf.buffer] : [];
  }
  get [Piscina.valueSymbol](): JobResult {
    return this.result;
  }
}

export default async function buildInWorker(job: BuildJob): Promise<unknown> {
  return Piscina.move(new TransferredResult(await executeBuildJob(job)) as never);
}
