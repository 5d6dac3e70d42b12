/**
 * The publication history: one record per new version of a brief, with its change summary,
 * kept in `output/publications.json` (newest first, atomically replaced). A snapshot of each
 * version's validated data lets the next version's change summary be computed from data.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Brief } from '../data/schema.js';
import { writeFileAtomic } from '../io/publish.js';
import { briefChanges, describeChanges, type Change } from './changes.js';

export const publicationSchema = z.object({
  id: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  issued: z.string(),
  sha256: z.string(),
  bytes: z.number().int().nonnegative(),
  file: z.string(),
  publishedAt: z.string(),
  summary: z.string(),
  changes: z.array(z.custom<Change>()),
});

export type Publication = z.infer<typeof publicationSchema>;

const historyFile = 'publications.json';
const keptPublications = 500;

export function readPublications(outDir: string): Publication[] {
  const path = join(outDir, historyFile);
  if (!existsSync(path)) return [];
  return z.array(publicationSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

function snapshotPath(outDir: string, id: string, version: number): string {
  return join(outDir, 'history', id, `${version}.json`);
}

export function readSnapshot(outDir: string, id: string, version: number): Brief | undefined {
  const path = snapshotPath(outDir, id, version);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Brief) : undefined;
}

export interface PublishedVersion {
  id: string;
  version: number;
  sha256: string;
  bytes: number;
  file: string;
  publishedAt: string;
}

/**
 * Records a newly published version (once: a version already recorded is returned as it was)
 * and computes what changed since the previous recorded version of the same brief.
 */
export function recordPublication(outDir: string, published: PublishedVersion, brief: Brief): Publication {
  const history = readPublications(outDir);
  const existing = history.find((p) => p.id === published.id && p.version === published.version);
  if (existing) return existing;
  const previous = history.find((p) => p.id === published.id);
  const before = previous ? readSnapshot(outDir, published.id, previous.version) : undefined;
  const changes = before ? briefChanges(before, brief) : [];
  const publication: Publication = {
    ...published,
    title: brief.meta.title,
    issued: brief.meta.issued,
    summary: before ? describeChanges(changes) : 'first publication',
    changes,
  };
  mkdirSync(join(outDir, 'history', published.id), { recursive: true });
  writeFileAtomic(snapshotPath(outDir, published.id, published.version), Buffer.from(JSON.stringify(brief)));
  writeFileAtomic(
    join(outDir, historyFile),
    Buffer.from(`${JSON.stringify([publication, ...history].slice(0, keptPublications), null, 2)}\n`),
  );
  return publication;
}
