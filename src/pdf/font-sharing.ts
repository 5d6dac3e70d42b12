/**
 * Fonts shared by every document a process renders.
 *
 * pdfkit, left alone, reads each font file from disk for every document, parses it with fontkit
 * and shapes every word again. A brief uses six font files and a few thousand words, so that was
 * most of a warm render. Here, per process:
 * - each font file is read once and registered on every new document under its own path, so
 *   `doc.font(path)` (pdfmake's text and the figures' and charts' text alike) finds the bytes in
 *   memory;
 * - fontkit parses each font once (`create` is memoised by buffer), and remembers its last few
 *   encoded subsets, compressed once each;
 * - a shaped word (pdfkit's `layoutCached` run, already scaled to 1000 units per em) is kept
 *   per font across documents. pdfkit treats these runs as read-only once made, which its own
 *   per-document cache already relies on; joining a line's words appends to one array.
 * Each document still makes its own subset of the glyphs it uses, so output bytes are unchanged
 * (the determinism test compares warm, cold and cross-process renders).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type FontkitCreate = (buffer: Uint8Array, postscriptName?: string) => unknown;

interface GlyphRun {
  glyphs: unknown[];
  positions: unknown[];
  advanceWidth: number;
}

interface EmbeddedFontPrototype {
  font: object;
  /** pdfkit's per-document cache; absent when a document sets `fontLayoutCache: false`. */
  layoutCache?: object;
  layoutCached(text: string): GlyphRun;
  layoutRun(text: string, features: unknown): GlyphRun;
  layout(
    text: string,
    features?: unknown,
    onlyWidth?: boolean,
  ): { glyphs: unknown[] | null; positions: unknown[] | null; advanceWidth: number };
}

/** The pdfkit document methods this module uses. */
export interface FontRegistering {
  registerFont(name: string, source: Buffer): unknown;
  font(source: string | Buffer, family?: string, size?: number): unknown;
  ref(): object;
  _font?: object;
}

/** pdfkit's PDF object with a stream: chunks written, compressed on `finalize`. */
interface PdfReference {
  buffer: Uint8Array[];
  compress: boolean;
  finalize(): void;
}

/**
 * A font subset that documents share (see withRememberedSubsets) is compressed once, not by
 * every document: pdfkit's `finalize` is handed the stream already deflated, exactly as it
 * would have deflated it (zlib is deterministic), and told not to compress it again.
 */
function shareDeflatedSubsets(prototype: PdfReference): void {
  const finalize = prototype.finalize;
  prototype.finalize = function finalizeSharedSubset(this: PdfReference) {
    const [only, ...others] = this.buffer;
    if (this.compress && only && others.length === 0 && rememberedSubsetBytes.has(only)) {
      let deflated = deflatedSubsets.get(only);
      if (!deflated) deflatedSubsets.set(only, (deflated = deflateSync(Buffer.concat([only]))));
      this.buffer = [deflated];
      this.compress = false; // `data.Filter` already says FlateDecode
    }
    finalize.call(this);
  };
}

const fontBytes = new Map<string, Buffer>();
const maxSharedRuns = 50_000;

let sharedCreate: FontkitCreate | undefined;

/**
 * Swaps pdfkit's `fontkit` module, in the require cache and before pdfkit is first loaded, for a
 * copy whose `create` returns one parsed font per font file content. Idempotent.
 */
export function shareParsedFonts(): FontkitCreate {
  if (sharedCreate) return sharedCreate;
  const pdfkitRequire = createRequire(require.resolve('pdfkit'));
  const fontkitPath = pdfkitRequire.resolve('fontkit');
  const fontkit = pdfkitRequire('fontkit') as { create: FontkitCreate } & Record<string, unknown>;
  const byBuffer = new WeakMap<Uint8Array, unknown>();
  const byContent = new Map<string, unknown>();
  const create: FontkitCreate = (buffer, postscriptName) => {
    if (postscriptName === undefined && byBuffer.has(buffer)) return byBuffer.get(buffer);
    const key = `${createHash('sha1').update(buffer).digest('hex')}:${postscriptName ?? ''}`;
    if (!byContent.has(key))
      byContent.set(key, withRememberedSubsets(fontkit.create(buffer, postscriptName)));
    const font = byContent.get(key);
    if (postscriptName === undefined) byBuffer.set(buffer, font);
    return font;
  };
  const cached = require.cache[fontkitPath];
  if (cached) cached.exports = { ...fontkit, create };
  sharedCreate = create;
  return create;
}

/** A font file's bytes, read once per process. */
function bytesOf(path: string): Buffer {
  let bytes = fontBytes.get(path);
  if (!bytes) {
    bytes = readFileSync(path);
    fontBytes.set(path, bytes);
  }
  return bytes;
}

/**
 * The parsed font of a file, the very object pdfkit will embed from: charts measure labels with
 * it first, and the tables its shaping decoded (GSUB, GPOS) are then not decoded again.
 */
export function sharedFont(path: string): unknown {
  return shareParsedFonts()(bytesOf(path));
}

interface FontSubset {
  glyphs: number[];
  encode(): Uint8Array;
}

const maxSubsetsPerFont = 32;
/** Encoded subsets that documents share, and their compressed form once a document made it. */
const rememberedSubsetBytes = new WeakSet<Uint8Array>();
const deflatedSubsets = new WeakMap<Uint8Array, Buffer>();

/**
 * Encoding a font subset (the glyphs a document uses, as a font program) is pure in the font and
 * the glyph list, and a regenerated brief uses the same glyphs as last time, so the last few
 * encodings per font are kept. pdfkit only reads the returned bytes.
 */
function withRememberedSubsets(font: unknown): unknown {
  const subsettable = font as { createSubset?: () => FontSubset };
  const createSubset = subsettable.createSubset?.bind(font);
  if (!createSubset) return font;
  const encoded = new Map<string, { bytes: Uint8Array; glyphs: number[] }>();
  subsettable.createSubset = () => {
    const subset = createSubset();
    const encode = subset.encode.bind(subset);
    subset.encode = () => {
      const key = subset.glyphs.join(',');
      let remembered = encoded.get(key);
      if (!remembered) {
        // encode() appends the components of compound glyphs to `glyphs`: keep the final list.
        remembered = { bytes: encode(), glyphs: [...subset.glyphs] };
        rememberedSubsetBytes.add(remembered.bytes);
        if (encoded.size >= maxSubsetsPerFont) encoded.delete(encoded.keys().next().value!);
        encoded.set(key, remembered);
      }
      subset.glyphs = [...remembered.glyphs];
      return remembered.bytes;
    };
    return subset;
  };
  return font;
}

/** Registers every font file on a new document under its path, from bytes read once per process. */
export function registerFontFiles(document: FontRegistering, paths: readonly string[]): void {
  for (const path of paths) document.registerFont(path, bytesOf(path));
  shareShapedWords(paths[0]);
}

let shapedWordsShared = false;

/**
 * pdfkit's EmbeddedFont class is not exported. A throwaway document (never ended, so nothing
 * is written) opens one font to reach its prototype, whose `layoutCached` is then replaced once
 * by a version whose cache is per font, not per document.
 */
function shareShapedWords(anyPath: string | undefined): void {
  if (shapedWordsShared || anyPath === undefined) return;
  shapedWordsShared = true;
  const PdfKitDocument = createRequire(require.resolve('pdfmake'))('pdfkit') as new (
    options: object,
  ) => FontRegistering;
  // No default font (pdfkit would read its Helvetica metrics file) and no page: nothing is read.
  const probe = new PdfKitDocument({ font: null, autoFirstPage: false });
  probe.registerFont(anyPath, bytesOf(anyPath));
  probe.font(anyPath);
  shareDeflatedSubsets(Object.getPrototypeOf(probe.ref()) as PdfReference);
  const prototype = Object.getPrototypeOf(probe._font) as EmbeddedFontPrototype;
  const layoutCached = prototype.layoutCached;
  const runsByFont = new WeakMap<object, Map<string, GlyphRun>>();
  prototype.layoutCached = function sharedLayoutCached(this: EmbeddedFontPrototype, text: string) {
    if (!this.layoutCache) return layoutCached.call(this, text);
    let runs = runsByFont.get(this.font);
    if (!runs) runsByFont.set(this.font, (runs = new Map()));
    let run = runs.get(text);
    if (!run) {
      if (runs.size >= maxSharedRuns) runs.clear();
      run = layoutCached.call(this, text);
      runs.set(text, run);
    }
    return run;
  };
  prototype.layout = layoutWordByWord;
}

/**
 * pdfkit's `layout`, which shapes a string word by word (each word with its following space or
 * tab) and joins the runs, rewritten to append to one array instead of concatenating a growing
 * one per word: same glyphs, positions and width.
 */
function layoutWordByWord(
  this: EmbeddedFontPrototype,
  text: string,
  features?: unknown,
  onlyWidth?: boolean,
) {
  if (features) return this.layoutRun(text, features);
  const glyphs: unknown[] | null = onlyWidth ? null : [];
  const positions: unknown[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  let start = 0;
  const addWord = (end: number) => {
    const run = this.layoutCached(text.slice(start, end));
    if (glyphs && positions) {
      for (const glyph of run.glyphs) glyphs.push(glyph);
      for (const position of run.positions) positions.push(position);
    }
    advanceWidth += run.advanceWidth;
    start = end;
  };
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || code === 9) addWord(index + 1);
  }
  if (start < text.length) addWord(text.length);
  return { glyphs, positions, advanceWidth };
}
