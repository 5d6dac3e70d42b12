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
    if (!parsed.has(key)) parsed.set(key, fontkit.create(buffer, postscriptName));
    return parsed.get(key);
  };
  const cached = require.cache[fontkitPath];
  if (cached) cached.exports = { ...fontkit, create };
}

function pdfmake(): PdfMake {
  if (configured) return configured;
  shareParsedFonts();
  const instance = require('pdfmake') as PdfMake;
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
