/**
 * `briefsmith distribute [--since VERSION] [--dry-run]`: retry what waits in the outbox and,
 * with --since, re-send every recorded publication of at least that version.
 * `briefsmith diff <id> [--from V] [--to V]`: what changed between two published versions.
 */
import { resolveConfig, type ConfigFlags } from '../config/load.js';
import { BriefsmithError } from '../errors/errors.js';
import { briefChanges, describeChange } from '../distribute/changes.js';
import { distribute } from '../distribute/distribute.js';
import { readPublications, readSnapshot } from '../distribute/history.js';
import { report, type DistributionReport } from '../distribute/after-publish.js';

export interface DistributeOptions extends ConfigFlags {
  since?: number;
  dryRun?: boolean;
}

export async function distributeCommand(options: DistributeOptions): Promise<number> {
  const config = await resolveConfig({ flags: options });
  if (!config.distribution) {
    throw new BriefsmithError(
      'usage',
      `no "distribution" section in ${config.file ?? 'a config file'}; see docs/distribution.md`,
    );
  }
  const since = options.since;
  const publications =
    since === undefined ? [] : readPublications(config.out).filter((p) => p.version >= since);
  const results = await distribute({
    outDir: config.out,
    config: config.distribution,
    publications,
    dryRun: options.dryRun ?? false,
  });
  if (options.dryRun) {
    for (const r of results) console.log(`would send ${r.id} v${r.version} by ${r.channel} to ${r.target}`);
    console.log(`${results.length} delivery(ies) planned; nothing sent (--dry-run)`);
    return 0;
  }
  printDistribution(report(publications, results));
  return results.every((r) => r.ok) ? 0 : 1;
}

export function printDistribution(summary: DistributionReport): void {
  for (const p of summary.publications) console.log(`→ ${p.id} v${p.version}: ${p.summary}`);
  for (const f of summary.failed) {
    console.error(
      `✗ ${f.channel} ${f.target} (${f.id} v${f.version}): ${f.error}; kept in the outbox for the next run`,
    );
  }
  console.log(`distribution: ${summary.delivered} delivered, ${summary.failed.length} failed`);
}

export interface DiffOptions {
  out?: string;
  config?: string;
  from?: number;
  to?: number;
}

export async function diffCommand(id: string, options: DiffOptions): Promise<number> {
  const config = await resolveConfig({
    flags: { ...(options.out ? { out: options.out } : {}), config: options.config },
  });
  const versions = readPublications(config.out)
    .filter((p) => p.id === id)
    .map((p) => p.version)
    .sort((a, b) => a - b);
  if (versions.length === 0)
    throw new BriefsmithError('usage', `no published versions of "${id}" in ${config.out}`);
  const to = options.to ?? (versions.at(-1) as number);
  const from = options.from ?? versions.filter((v) => v < to).at(-1);
  const after = readSnapshot(config.out, id, to);
  if (!after)
    throw new BriefsmithError(
      'usage',
      `version ${to} of "${id}" was not recorded; known: ${versions.join(', ')}`,
    );
  if (from === undefined) {
    console.log(`${id} v${to}: first publication`);
    return 0;
  }
  const before = readSnapshot(config.out, id, from);
  if (!before)
    throw new BriefsmithError(
      'usage',
      `version ${from} of "${id}" was not recorded; known: ${versions.join(', ')}`,
    );
  const changes = briefChanges(before, after);
  console.log(`${id} v${from} → v${to}: ${changes.length} change(s)`);
  for (const change of changes) console.log(`  ${describeChange(change)}`);
  return 0;
}
