/**
 * The single writer of an output folder: publishes built PDFs, keeps earlier versions, and rolls
 * a brief back. Holds the folder's lock and the manifest in memory, so a batch of hundreds of
 * briefs reads the manifest once and every write replaces it whole and atomically.
 *
 * Crash safety (kill -9 at any instant leaves every PDF whole and named by the manifest):
 *   1. manifest ← pending[id] = {version, sha256}       the intent, before any PDF moves
 *   2. versions/<id>/<version>.pdf ← bytes              temp file + fsync + rename
 *   3. <id>.pdf ← bytes                                 temp file + fsync + rename
 *   4. delete versions beyond `keep`                    files first, so none is left unlisted
 *   5. manifest ← new entry, pending[id] removed        the commit
 * Opening a folder after a crash drops stale pending writes and temporary files; a brief whose
 * PDF no longer matches its entry is rebuilt by the next build (see src/batch/plan.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BriefsmithError } from '../errors/errors.js';
import { temporarySuffix, writeFileAtomic } from '../io/publish.js';
import { lockOutput, type OutputLock, ensureOutputFolder } from './lock.js';
import {
  countDiagnostics,
  readManifest,
  sha256,
  writeManifest,
  type Manifest,
  type ManifestEntry,
  type VersionRecord,
} from './manifest.js';
import type { BuiltBrief } from './publish.js';

export const versionsDirName = 'versions';

/** The writers this process holds, by absolute output folder (see `Publisher.open`). */
const openWriters = new Map<string, { publisher: Publisher; users: number }>();

export interface PublisherOptions {
  /** How many earlier versions of each brief to keep besides the current one. */
  keep: number;
  now?: () => Date;
  /** Take the folder's lock (default true); only single-shot callers that cannot race skip it. */
  lock?: boolean;
}

export interface Published {
  entry: ManifestEntry;
  /** False when the new bytes equal the published ones (the version stays). */
  changed: boolean;
}

export function versionFile(id: string, version: number): string {
  return `${versionsDirName}/${id}/${version}.pdf`;
}

export class Publisher {
  private manifest: Manifest;
  private readonly now: () => Date;

  private constructor(
    readonly outDir: string,
    private readonly options: PublisherOptions,
    private readonly lock: OutputLock | undefined,
  ) {
    this.now = options.now ?? (() => new Date());
    this.manifest = readManifest(outDir);
  }

  /**
   * Opens the folder for writing. Within one process the writer is shared (two schedules running
   * at once publish through the same in-memory manifest, one call at a time on the main thread);
   * across processes the lock file keeps out a second writer.
   */
  static open(outDir: string, options: PublisherOptions): Publisher {
    ensureOutputFolder(outDir);
    if (options.lock === false) return new Publisher(outDir, options, undefined);
    const key = resolve(outDir);
    const shared = openWriters.get(key);
    if (shared) {
      shared.users++;
      return shared.publisher;
    }
    const lock = lockOutput(outDir);
    try {
      const publisher = new Publisher(outDir, options, lock);
      publisher.repair();
      openWriters.set(key, { publisher, users: 1 });
      return publisher;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  close(): void {
    if (!this.lock) return;
    const key = resolve(this.outDir);
    const shared = openWriters.get(key);
    if (shared && shared.publisher === this && --shared.users > 0) return;
    openWriters.delete(key);
    this.lock.release();
  }

  entry(id: string): ManifestEntry | undefined {
    return this.manifest.briefs.find((b) => b.id === id);
  }

  /** True when the published PDF on disk still has the bytes the manifest records. */
  pdfMatches(entry: ManifestEntry): boolean {
    return fileHasDigest(join(this.outDir, entry.file), entry.sha256);
  }

  publish(built: BuiltBrief): Published {
    const digest = sha256(built.pdf);
    const previous = this.entry(built.id);
    if (previous && previous.sha256 === digest) return this.refresh(previous, built);
    const version = nextVersion(previous);
    this.commit({
      ...this.manifest,
      pending: { ...this.manifest.pending, [built.id]: { version, sha256: digest } },
    });
    if (previous) this.ensureVersionCopy(previous);
    this.write(versionFile(built.id, version), built.pdf);
    this.write(`${built.id}.pdf`, built.pdf);
    const history = previous ? [recordOf(previous), ...(previous.history ?? [])] : [];
    this.removeVersions(built.id, history.slice(this.options.keep));
    const entry = this.entryFor(built, {
      version,
      sha256: digest,
      history: history.slice(0, this.options.keep),
    });
    this.commitEntry(entry);
    return { entry, changed: true };
  }

  /** Restores an earlier version (the newest kept one unless `to` is given) as the current PDF. */
  rollback(id: string, to?: number): { entry: ManifestEntry; from: number } {
    const current = this.entry(id);
    if (!current)
      throw new BriefsmithError('usage', `no brief "${id}" in ${join(this.outDir, 'manifest.json')}`);
    const kept = current.history ?? [];
    const target = to === undefined ? kept[0] : kept.find((v) => v.version === to);
    if (!target) throw new BriefsmithError('usage', noVersionMessage(current, to));
    const bytes = this.readVersion(target);
    this.commit({ ...this.manifest, pending: { ...this.manifest.pending, [id]: pendingOf(target) } });
    this.ensureVersionCopy(current);
    this.write(current.file, bytes);
    // The version record's own `file` is its copy under versions/; the entry keeps `<id>.pdf`.
    const entry: ManifestEntry = {
      ...current,
      ...target,
      file: current.file,
      history: [recordOf(current), ...kept.filter((v) => v !== target)],
      rolledBack: { from: current.version, at: this.now().toISOString(), inputsHash: current.inputsHash },
    };
    this.commitEntry(entry);
    return { entry, from: current.version };
  }

  /** Same bytes as published: keep the version, refresh what the build knows about its inputs. */
  private refresh(previous: ManifestEntry, built: BuiltBrief): Published {
    if (!this.pdfMatches(previous)) this.write(previous.file, built.pdf);
    const entry = this.entryFor(built, {
      version: previous.version,
      sha256: previous.sha256,
      history: previous.history ?? [],
    });
    this.commitEntry(entry);
    return { entry, changed: false };
  }

  private entryFor(
    built: BuiltBrief,
    fixed: { version: number; sha256: string; history: VersionRecord[] },
  ): ManifestEntry {
    return {
      id: built.id,
      title: built.title,
      issued: built.issued,
      version: fixed.version,
      file: `${built.id}.pdf`,
      sha256: fixed.sha256,
      bytes: built.pdf.length,
      pages: built.pageCount,
      inputsHash: built.inputsHash,
      builtAt: this.now().toISOString(),
      source: built.source,
      diagnostics: countDiagnostics(built.diagnostics),
      ...(built.templates ? { templates: [...built.templates] } : {}),
      history: fixed.history,
    };
  }

  private commitEntry(entry: ManifestEntry): void {
    const pending = { ...this.manifest.pending };
    delete pending[entry.id];
    const briefs = [...this.manifest.briefs.filter((b) => b.id !== entry.id), entry];
    this.commit({ ...this.manifest, briefs, pending });
  }

  private commit(manifest: Manifest): void {
    writeManifest(this.outDir, manifest);
    this.manifest = manifest;
  }

  private write(relativePath: string, bytes: Uint8Array): void {
    const path = join(this.outDir, relativePath);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileAtomic(path, bytes);
  }

  /** Entries published before versions were kept have no copy of their current PDF yet. */
  private ensureVersionCopy(entry: ManifestEntry): void {
    const copy = versionFile(entry.id, entry.version);
    if (fileHasDigest(join(this.outDir, copy), entry.sha256)) return;
    if (this.pdfMatches(entry)) this.write(copy, readFileSync(join(this.outDir, entry.file)));
  }

  private removeVersions(id: string, dropped: readonly VersionRecord[]): void {
    for (const record of dropped) rmSync(join(this.outDir, versionFile(id, record.version)), { force: true });
  }

  private readVersion(record: VersionRecord): Buffer {
    const path = join(this.outDir, record.file);
    if (!fileHasDigest(path, record.sha256)) {
      throw new BriefsmithError(
        'io',
        `${path} is missing or does not match its manifest sha256; version ${record.version} cannot be restored`,
      );
    }
    return readFileSync(path);
  }

  /** After a crash: forget writes that never committed and delete what they left behind. */
  private repair(): void {
    removeTemporaryFiles(this.outDir);
    const pending = this.manifest.pending ?? {};
    if (Object.keys(pending).length === 0) return;
    for (const [id, write] of Object.entries(pending)) {
      this.undoCurrent(id, write.sha256);
      if (!isListedVersion(this.entry(id), write.version)) {
        rmSync(join(this.outDir, versionFile(id, write.version)), { force: true });
      }
    }
    this.commit({ ...this.manifest, pending: {} });
  }

  /** An uncommitted PDF that already reached `<id>.pdf` is replaced by the committed one again. */
  private undoCurrent(id: string, uncommitted: string): void {
    const entry = this.entry(id);
    const current = join(this.outDir, `${id}.pdf`);
    if (!fileHasDigest(current, uncommitted) || entry?.sha256 === uncommitted) return;
    if (!entry) {
      rmSync(current, { force: true });
      return;
    }
    const copy = join(this.outDir, versionFile(id, entry.version));
    if (fileHasDigest(copy, entry.sha256)) this.write(entry.file, readFileSync(copy));
  }
}

function nextVersion(previous: ManifestEntry | undefined): number {
  if (!previous) return 1;
  return Math.max(previous.version, ...(previous.history ?? []).map((v) => v.version)) + 1;
}

function recordOf(entry: ManifestEntry): VersionRecord {
  return {
    version: entry.version,
    file: versionFile(entry.id, entry.version),
    sha256: entry.sha256,
    bytes: entry.bytes,
    pages: entry.pages,
    title: entry.title,
    issued: entry.issued,
    inputsHash: entry.inputsHash,
    builtAt: entry.builtAt,
    ...(entry.templates ? { templates: entry.templates } : {}),
    diagnostics: entry.diagnostics,
  };
}

function pendingOf(record: VersionRecord): { version: number; sha256: string } {
  return { version: record.version, sha256: record.sha256 };
}

function isListedVersion(entry: ManifestEntry | undefined, version: number): boolean {
  if (!entry) return false;
  return entry.version === version || (entry.history ?? []).some((v) => v.version === version);
}

function noVersionMessage(entry: ManifestEntry, to: number | undefined): string {
  const kept = (entry.history ?? []).map((v) => v.version);
  if (kept.length === 0)
    return `"${entry.id}" has no earlier version to roll back to (current is ${entry.version})`;
  return `"${entry.id}" has no kept version ${to}; kept versions: ${kept.join(', ')} (current is ${entry.version})`;
}

export function fileHasDigest(path: string, digest: string): boolean {
  try {
    return sha256(readFileSync(path)) === digest;
  } catch {
    return false;
  }
}

/** Only the lock holder calls this, so every temporary file found belongs to a dead writer. */
function removeTemporaryFiles(outDir: string): void {
  const dirs = [outDir];
  const versions = join(outDir, versionsDirName);
  if (existsSync(versions)) {
    for (const name of readdirSync(versions)) {
      if (statSync(join(versions, name)).isDirectory()) dirs.push(join(versions, name));
    }
  }
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      if (name.endsWith(temporarySuffix)) rmSync(join(dir, name), { force: true });
    }
  }
}
