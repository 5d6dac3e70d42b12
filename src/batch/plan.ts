/**
 * Incremental planning: which briefs need building. A brief is skipped when its inputs hash equals
 * its manifest entry's AND the PDF on disk still has the recorded sha256 (an altered or missing PDF
 * is rebuilt). The hash covers only the templates the brief's last render invoked, so editing one
 * partial rebuilds exactly the briefs that use it:
 * - a render is deterministic in (data, templates), so with unchanged data and unchanged used
 *   templates, the same templates are used again: a template the last render never invoked cannot
 *   change the output unless an invoked one (the one that would include it) changes first;
 * - a template chosen by data (`{{> (lookup . "layout")}}`) or by an override folder is recorded by
 *   name and hashed by content, so a different choice or a shadowing file changes the hash;
 * - a used template that disappeared makes the hash unknown, so the brief is rebuilt.
 */
import type { PageSize } from '../pdf/assemble.js';
import type { TemplateFile, TemplateSet } from '../prose/templates.js';
import { inputsHash } from '../publish/inputs.js';
import { sha256, type ManifestEntry } from '../publish/manifest.js';
import type { IntegrityConfig } from '../integrity/config.js';

/** The template set as data: what jobs carry and hashes are computed from. */
export interface TemplateSnapshot {
  files: TemplateFile[];
  key: string;
}

export function snapshotTemplates(set: TemplateSet): TemplateSnapshot {
  const files = set.files.map(({ name, path, source }) => ({ name, path, source }));
  const key = sha256(files.map((f) => `${f.name}\0${sha256(f.source)}`).join('\n'));
  return { files, key };
}

/** The inputs hash of a brief rendered with the named templates; undefined if one is gone. */
export function briefInputsHash(
  dataText: string,
  usedTemplates: readonly string[] | undefined,
  snapshot: TemplateSnapshot,
  pageSize: PageSize,
  settings: Record<string, unknown> = {},
): string | undefined {
  const byName = new Map(snapshot.files.map((f) => [f.name, f]));
  // Entries written before templates were recorded were hashed over the whole set.
  const names = usedTemplates ?? [...byName.keys()];
  const files = names.map((name) => byName.get(name));
  if (files.some((f) => f === undefined)) return undefined;
  return inputsHash({ dataText, templates: files as TemplateFile[], options: { pageSize, ...settings } });
}

/** Settings besides the page size that change the PDF: hashed by `build` and `serve` alike. */
export function hashSettings(
  integrity: IntegrityConfig | undefined,
  dataNotes = false,
): Record<string, unknown> {
  return { dataNotes, integrity: integrity?.settings ?? null };
}

export type Decision = { build: true; reason: string } | { build: false; reason: string };

export function decide(
  dataText: string,
  entry: ManifestEntry | undefined,
  context: {
    /** Whether the published PDF is still the one `entry` records (present, same sha256). */
    pdfMatches: (entry: ManifestEntry) => boolean;
    snapshot: TemplateSnapshot;
    pageSize: PageSize;
    settings?: Record<string, unknown>;
    force: boolean;
  },
): Decision {
  if (context.force) return { build: true, reason: 'forced' };
  if (!entry) return { build: true, reason: 'new' };
  const hash = briefInputsHash(
    dataText,
    entry.templates,
    context.snapshot,
    context.pageSize,
    context.settings,
  );
  if (hash !== undefined && entry.rolledBack?.inputsHash === hash) {
    return {
      build: false,
      reason: `rolled back from version ${entry.rolledBack.from}; inputs unchanged since`,
    };
  }
  if (hash !== entry.inputsHash) return { build: true, reason: 'inputs changed' };
  if (!context.pdfMatches(entry)) return { build: true, reason: 'published PDF missing or altered' };
  return { build: false, reason: 'up to date' };
}
