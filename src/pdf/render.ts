/**
 * Render stage: document definition → PDF bytes with pdfmake.
 *
 * pdfmake is a module-level singleton; it is configured once here. The URL policy refuses every
 * URL and the local-file policy allows only the font files, so a brief can neither reach the
 * network nor read any other file.
 */
import { createRequire } from 'node:module';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { type FontRegistering, registerFontFiles, shareParsedFonts } from './font-sharing.js';
import { fontFilePaths, pdfmakeFontDescriptors } from './fonts.js';
import { paintDrawingsInPdfmake } from './drawings.js';
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

type DocumentClass = new (...args: never[]) => FontRegistering;

/** Every document pdfmake makes gets the font files registered from memory (font-sharing.ts). */
function registerFontsOnEveryDocument(paths: readonly string[]): void {
  const module = require('pdfmake/js/PDFDocument.js') as { default: DocumentClass };
  const PdfmakeDocument = module.default;
  module.default = class extends PdfmakeDocument {
    constructor(...args: never[]) {
      super(...args);
      registerFontFiles(this, paths);
    }
  };
}

function pdfmake(): PdfMake {
  if (configured) return configured;
  shareParsedFonts();
  const instance = require('pdfmake') as PdfMake;
  speedUpPdfmake();
  paintDrawingsInPdfmake();
  const allowedFiles = new Set(fontFilePaths());
  registerFontsOnEveryDocument([...allowedFiles]);
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
