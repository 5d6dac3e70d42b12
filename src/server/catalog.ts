/**
 * The catalog: the briefs in the data folder and their published PDFs in the output folder.
 *
 * A PDF is current when the manifest's inputs hash equals the hash of today's inputs (data file,
 * templates, fonts, options, version; see src/publish/inputs.ts) and the file on disk still has
 * the manifest's sha256. Otherwise it is built on demand through the render queue and published
 * atomically, exactly as `briefsmith build` would, so the CLI and the server share one output.
 *
 * Ids never become paths by concatenation alone: an id must match `briefIdPattern` and name a
 * file found by listing the data folder, and output paths are checked to stay inside outDir.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Diagnostic } from '../errors/diagnostic.js';
import { briefId, isBriefFile } from '../io/files.js';
import type { PageSize } from '../pdf/assemble.js';
import type { IntegrityConfig } from '../integrity/config.js';
import { checkBrief, type GenerateResult } from '../pipeline.js';
import type { TemplateSet } from '../prose/templates.js';
import {
  briefInputsHash,
  decide,
  hashSettings,
  snapshotTemplates,
  type TemplateSnapshot,
} from '../batch/plan.js';
import { countDiagnostics, readManifest, sha256, type ManifestEntry } from '../publish/manifest.js';
import { OutputBusyError } from '../publish/lock.js';
import { publishBrief } from '../publish/publish.js';
import { briefIdPattern } from './options.js';
import { HttpProblem, invalidBrief } from './problems.js';
import type { RenderQueue } from './render-queue.js';
import type { RenderJob } from './render-worker.js';
import type { WorkerRenderer } from './renderer.js';

export type ValidationStatus = 'valid' | 'warnings' | 'invalid';

export interface CatalogItem {
  id: string;
  source: string;
  title: string | null;
  issued: string | null;
  validation: { status: ValidationStatus; errors: number; warnings: number; infos: number };
  /** Present once a PDF has been published; `current` says whether it matches today's inputs. */
  pdf: {
    pages: number;
    bytes: number;
    sha256: string;
    builtAt: string;
    version: number;
    current: boolean;
  } | null;
}

export interface CheckedSource {
  id: string;
  fileName: string;
  text: string;
  diagnostics: Diagnostic[];
  title: string | null;
  issued: string | null;
}

export interface PublishedPdf {
  entry: ManifestEntry;
  bytes: Buffer;
  path: string;
}

export interface CatalogOptions {
  dataDir: string;
  outDir: string;
  /** Read once at start-up: hashed here and sent with every render job, so hash and render agree. */
  templates: TemplateSet;
  pageSize: PageSize;
  queue: RenderQueue;
  renderer: WorkerRenderer;
  integrity?: IntegrityConfig;
  dataNotes?: boolean;
  keep?: number;
}

export class Catalog {
  /** checkBrief results by sha256 of the text: validation is pure, so repeat reads are free. */
  private readonly checks = new Map<string, Pick<CheckedSource, 'diagnostics' | 'title' | 'issued'>>();
  /** Builds in flight by id and inputs hash, so a burst of GETs renders a stale brief once. */
  private readonly building = new Map<string, Promise<PublishedPdf>>();

  /** Templates are read once at start-up, so their hashes are taken once too. */
  private readonly snapshot: TemplateSnapshot;

  constructor(private readonly options: CatalogOptions) {
    this.snapshot = snapshotTemplates(options.templates);
  }

  /** Brief files in the data folder whose names make valid ids, by id. */
  listSourceFiles(): Map<string, string> {
    const files = new Map<string, string>();
    if (!existsSync(this.options.dataDir)) return files;
    for (const name of readdirSync(this.options.dataDir).sort()) {
      const id = briefId(name);
      if (!briefIdPattern.test(id) || files.has(id) || !isBriefFile(this.options.dataDir, name)) continue;
      files.set(id, name);
    }
    return files;
  }

  /** Reads and validates one brief; undefined when the id is malformed or names no data file. */
  readSource(id: string, files: Map<string, string> = this.listSourceFiles()): CheckedSource | undefined {
    if (!briefIdPattern.test(id)) return undefined;
    const fileName = files.get(id);
    if (!fileName) return undefined;
    const text = readFileSync(join(this.options.dataDir, fileName), 'utf8');
    return { id, fileName, text, ...this.check(fileName, text) };
  }

  list(): CatalogItem[] {
    const manifest = readManifest(this.options.outDir);
    const files = this.listSourceFiles(); // one directory listing per request, not one per brief
    return [...files.keys()].flatMap((id) => {
      const source = this.readSource(id, files);
      if (!source) return [];
      return [
        this.describe(
          source,
          manifest.briefs.find((b) => b.id === id),
        ),
      ];
    });
  }

  item(source: CheckedSource): CatalogItem {
    return this.describe(
      source,
      readManifest(this.options.outDir).briefs.find((b) => b.id === source.id),
    );
  }

  /** The published PDF, built first when missing or stale. Throws a 422 problem for an invalid brief. */
  async ensurePdf(source: CheckedSource): Promise<PublishedPdf> {
    const current = this.currentPdf(source);
    return current ?? this.build(source);
  }

  /** Builds and publishes now, whatever the manifest says. */
  async build(source: CheckedSource): Promise<PublishedPdf> {
    const key = `${source.id}\n${this.hashOf(source)}`;
    const inFlight = this.building.get(key);
    if (inFlight) return inFlight;
    const build = this.buildAndPublish(source).finally(() => this.building.delete(key));
    this.building.set(key, build);
    return build;
  }

  /** The output path of an id, refusing anything that would resolve outside the output folder. */
  pdfPath(id: string): string {
    const root = resolve(this.options.outDir);
    const path = resolve(root, `${id}.pdf`);
    if (!briefIdPattern.test(id) || !path.startsWith(root + sep)) {
      throw new Error(`refusing output path outside ${root}: ${id}`);
    }
    return path;
  }

  private async buildAndPublish(source: CheckedSource): Promise<PublishedPdf> {
    const { pageSize, renderer } = this.options;
    const result = await this.options.queue.run((signal) =>
      renderer.render(
        { file: source.fileName, text: source.text, pageSize, ...this.renderSettings() },
        signal,
      ),
    );
    if (!result.ok) throw invalidBrief(result.diagnostics);
    const entry = this.publishLocked(source, result);
    return { entry, bytes: result.pdf, path: this.pdfPath(source.id) };
  }

  /** Publishes under the output folder's lock; while `build` or `schedule` holds it, 503 + Retry-After. */
  private publishLocked(source: CheckedSource, result: Extract<GenerateResult, { ok: true }>): ManifestEntry {
    try {
      return publishBrief(
        this.options.outDir,
        {
          id: source.id,
          title: result.title,
          issued: result.issued,
          source: join(this.options.dataDir, source.fileName),
          pdf: result.pdf,
          pageCount: result.pageCount,
          inputsHash: this.hashOf(source),
          diagnostics: result.diagnostics,
        },
        new Date(),
        this.options.keep,
        { lock: true },
      );
    } catch (error) {
      if (error instanceof OutputBusyError) {
        throw new HttpProblem(503, 'output-busy', error.message, {}, { 'retry-after': '10' });
      }
      throw error;
    }
  }

  /**
   * The published PDF when `build` would leave it as it is (src/batch/plan.ts `decide`: inputs
   * unchanged, or rolled back with inputs unchanged since), read once and checked against the
   * manifest's sha256: a file replaced behind the manifest's back is rebuilt rather than served
   * under a wrong ETag.
   */
  private currentPdf(source: CheckedSource): PublishedPdf | undefined {
    const entry = readManifest(this.options.outDir).briefs.find((b) => b.id === source.id);
    const path = this.pdfPath(source.id);
    const bytes = existsSync(path) ? readFileSync(path) : undefined;
    const intact = (recorded: ManifestEntry) => bytes !== undefined && sha256(bytes) === recorded.sha256;
    if (!entry || this.decide(source, entry, intact).build || !intact(entry)) return undefined;
    return { entry, bytes: bytes!, path };
  }

  private decide(source: CheckedSource, entry: ManifestEntry, pdfMatches: (entry: ManifestEntry) => boolean) {
    return decide(source.text, entry, {
      pdfMatches,
      snapshot: this.snapshot,
      pageSize: this.options.pageSize,
      settings: this.settings(),
      force: false,
    });
  }

  private settings(): Record<string, unknown> {
    return hashSettings(this.options.integrity, this.options.dataNotes);
  }

  /** What a render needs besides the brief and page size: the start-up templates, as `build` passes them. */
  renderSettings(): Omit<RenderJob, 'file' | 'text' | 'pageSize'> {
    return {
      templates: this.snapshot.files,
      templatesKey: this.snapshot.key,
      ...(this.options.integrity ? { integrity: this.options.integrity } : {}),
      dataNotes: this.options.dataNotes ?? false,
    };
  }

  /**
   * The inputs hash a server render is published with, the same as `briefsmith build`'s
   * (src/batch/plan.ts) but over the whole template set: the server does not record which
   * templates a render used.
   */
  private hashOf(source: CheckedSource): string {
    return briefInputsHash(
      source.text,
      undefined,
      this.snapshot,
      this.options.pageSize,
      this.settings(),
    ) as string;
  }

  private describe(source: CheckedSource, entry: ManifestEntry | undefined): CatalogItem {
    const { errors, warnings, infos } = countDiagnostics(source.diagnostics);
    const status: ValidationStatus = errors > 0 ? 'invalid' : warnings > 0 ? 'warnings' : 'valid';
    return {
      id: source.id,
      source: source.fileName,
      title: source.title ?? entry?.title ?? null,
      issued: source.issued ?? entry?.issued ?? null,
      validation: { status, errors, warnings, infos },
      pdf: entry
        ? {
            pages: entry.pages,
            bytes: entry.bytes,
            sha256: entry.sha256,
            builtAt: entry.builtAt,
            version: entry.version,
            current: !this.decide(source, entry, () => existsSync(this.pdfPath(source.id))).build,
          }
        : null,
    };
  }

  private check(fileName: string, text: string): Pick<CheckedSource, 'diagnostics' | 'title' | 'issued'> {
    const key = sha256(`${fileName}\n${text}`);
    let checked = this.checks.get(key);
    if (!checked) {
      const { model, diagnostics } = checkBrief(fileName, text, { integrity: this.options.integrity });
      checked = {
        diagnostics,
        title: model?.brief.meta.title ?? null,
        issued: model?.brief.meta.issued ?? null,
      };
      if (this.checks.size > 256) this.checks.clear();
      this.checks.set(key, checked);
    }
    return checked;
  }
}
