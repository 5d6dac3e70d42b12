/**
 * Render stage: document definition → PDF bytes with pdfmake.
 *
 * pdfmake is a module-level singleton; it is configured once here. The URL policy refuses every
 * URL and the local-file policy allows only the font files, so a brief can neither reach the
 * network nor read any other file.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontFilePaths, pdfmakeFontDescriptors } from './fonts.js';
import { speedUpPdfmake } from './pdfmake-speedups.js';
import { tableLayout } from './styles.js';

interface PdfMake {
  setFonts(fonts: object): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  addTableLayouts(layouts: object): void;
  createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

const require = createRequire(import.meta.url);
let configured: PdfMake | undefined;

type FontkitCreate = (buffer: Uint8Array, postscriptName?: string) => unknown;

/**
 * pdfkit parses every font file anew for each document, which was most of a warm render's time.
 * Before pdfkit is first loaded, its `fontkit` module is swapped in the require cache for a copy
 * whose `create` returns one parsed font per file content, shared by all documents. A parsed
 * fontkit font is read-only apart from its own glyph caches; each document still makes its own
 * subset, so output bytes are unchanged (the determinism test compares warm and cold renders).
 */
function shareParsedFonts(): void {
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  const fontkitPath = pdfkitRequire.resolve('fontkit');
  const fontkit = pdfkitRequire('fontkit') as { create: FontkitCreate } & Record<string, unknown>;
  const parsed = new Map<string, unknown>();
  const create: FontkitCreate = (buffer, postscriptName) => {
    const key = `${createHash('sha1').update(buffer).digest('hex')}:${postscriptName ?? ''}`;
    if (!parsed.has(key))
      parsed.set(key, withSharedLayouts(fontkit.create(buffer, postscriptName) as ShapingFont));
    return parsed.get(key);
  };
  const cached = require.cache[fontkitPath];
  if (cached) cached.exports = { ...fontkit, create };
}

interface GlyphRun {
  positions: Record<string, number>[];
}
interface ShapingFont {
  layout(text: string, features?: unknown, script?: string, language?: string): GlyphRun;
}

const maxSharedLayouts = 50_000;

/**
 * Shaping a word (GSUB/GPOS lookups) is the next most expensive step, and briefs repeat their
 * words. pdfkit caches shaped words per document only, so the font remembers them across
 * documents. pdfkit scales a run's positions in place, so each caller gets its own copy of them.
 */
function withSharedLayouts(font: ShapingFont): ShapingFont {
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  font.layout = (text, features, script, language) => {
    const key = `${text}\u0000${JSON.stringify(features ?? null)}\u0000${script ?? ''}\u0000${language ?? ''}`;
    let run = runs.get(key);
    if (!run) {
      if (runs.size >= maxSharedLayouts) runs.clear();
      run = layout(text, features, script, language);
      runs.set(key, run);
    }
    const copy = Object.create(Object.getPrototypeOf(run) as object) as GlyphRun;
    Object.assign(copy, run, { positions: run.positions.map((position) => ({ ...position })) });
    return copy;
  };
  return font;
}

function pdfmake(): PdfMake {
  if (configured) return configured;
  shareParsedFonts();
  const instance = require('pdfmake') as PdfMake;
  speedUpPdfmake();
  const allowedFiles = new Set(fontFilePaths());
  instance.setFonts(pdfmakeFontDescriptors());
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((path) => allowedFiles.has(path));
  instance.addTableLayouts({ brief: tableLayout });
  configured = instance;
  return instance;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  return pdfmake().createPdf(definition).getBuffer();
}
