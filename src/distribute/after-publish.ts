/**
 * The step after a build or scheduled run: each brief whose PDF changed is recorded as a new
 * publication (with what changed in its data) and sent through the configured channels.
 * Distribution problems are reported, never thrown: they must not fail the build.
 */
import { readFileSync } from 'node:fs';
import { briefId } from '../io/files.js';
import { checkBrief } from '../pipeline.js';
import { readManifest } from '../publish/manifest.js';
import type { IntegrityConfig } from '../integrity/config.js';
import type { DistributionConfig } from './config.js';
import { distribute, type DeliveryResult } from './distribute.js';
import { recordPublication, type Publication } from './history.js';

export interface DistributionReport {
  publications: Publication[];
  delivered: number;
  failed: { channel: string; target: string; id: string; version: number; error: string }[];
}

export interface AfterPublishInput {
  outDir: string;
  config: DistributionConfig;
  /** What the batch built; only briefs whose bytes changed are published anew. */
  built: readonly { id: string; version: number; changed: boolean }[];
  /** The data files of the batch, to find each brief's data. */
  files: readonly string[];
  sleep?: (ms: number) => Promise<void>;
  /** The config's integrity settings, so a brief is judged as it was when built. */
  integrity?: IntegrityConfig;
}

export async function distributeAfterBuild(input: AfterPublishInput): Promise<DistributionReport> {
  const manifest = readManifest(input.outDir);
  const fileOf = new Map(input.files.map((file) => [briefId(file), file]));
  const publications = input.built
    .filter((b) => b.changed)
    .flatMap((built) => {
      const entry = manifest.briefs.find((b) => b.id === built.id);
      const file = fileOf.get(built.id);
      if (!entry || !file) return [];
      const { model } = checkBrief(file, readFileSync(file, 'utf8'), { integrity: input.integrity });
      if (!model) return [];
      const published = { ...entry, publishedAt: entry.builtAt };
      return [recordPublication(input.outDir, published, model.brief)];
    });
  const results = await distribute({
    outDir: input.outDir,
    config: input.config,
    publications,
    ...(input.sleep ? { sleep: input.sleep } : {}),
  });
  return report(publications, results);
}

export function report(publications: Publication[], results: readonly DeliveryResult[]): DistributionReport {
  return {
    publications,
    delivered: results.filter((r) => r.ok).length,
    failed: results
      .filter((r) => !r.ok)
      .map((r) => ({
        channel: r.channel,
        target: r.target,
        id: r.id,
        version: r.version,
        error: r.attempts.at(-1)?.detail ?? 'not attempted',
      })),
  };
}
