/**
 * Publishing a built brief: the PDF goes into place atomically, then the manifest entry is
 * replaced, with the write announced in the manifest first (see src/publish/publisher.ts) so the
 * manifest names every PDF on disk at every instant.
 */
import type { Diagnostic } from '../errors/diagnostic.js';
import type { ManifestEntry } from './manifest.js';
import { Publisher } from './publisher.js';

export interface BuiltBrief {
  id: string;
  title: string;
  issued: string;
  source: string;
  pdf: Uint8Array;
  pageCount: number;
  inputsHash: string;
  diagnostics: readonly Diagnostic[];
  /** Templates the render invoked (`TemplateSet.renderRecording`); recorded for incremental builds. */
  templates?: readonly string[];
}

/** How many earlier versions of each brief are kept unless the config says otherwise. */
export const defaultKeep = 5;

/**
 * Publishes one brief. Batches use a `Publisher` (src/publish/publisher.ts), which holds the lock
 * and the manifest across briefs; a long-running process beside them (the server) passes
 * `lock: true` so that it never writes the manifest while a build or schedule does.
 */
export function publishBrief(
  outDir: string,
  built: BuiltBrief,
  now: Date = new Date(),
  keep: number = defaultKeep,
  options: { lock?: boolean } = {},
): ManifestEntry {
  const publisher = Publisher.open(outDir, { keep, now: () => now, lock: options.lock ?? false });
  try {
    return publisher.publish(built).entry;
  } finally {
    publisher.close();
  }
}
