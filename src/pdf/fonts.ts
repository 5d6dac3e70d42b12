/**
 * The brief's fonts: Source Serif 4 for text, Source Sans 3 for headings, tables and charts.
 * Both cover Latin, Greek and the symbols briefs use (≥ ± µ – — ’). pdfmake gets them as
 * absolute paths inside the installed font packages, the only files its local-access policy
 * allows; each document gets their bytes registered under those paths from memory
 * (font-sharing.ts), so charts' and figures' text, drawn straight with pdfkit, finds the same
 * fonts. pdfkit embeds only the glyphs used (subsets).
 */
import { createRequire } from 'node:module';
import { sharedFont } from './font-sharing.js';

const require = createRequire(import.meta.url);
type Font = import('fontkit').Font;

export const fontFamilies = {
  serif: 'SourceSerif',
  sans: 'SourceSans',
} as const;

type Variant = 'normal' | 'bold' | 'italics' | 'bolditalics';

const fontFiles: Record<string, Record<Variant, string>> = {
  [fontFamilies.serif]: {
    normal: '@expo-google-fonts/source-serif-4/400Regular/SourceSerif4_400Regular.ttf',
    bold: '@expo-google-fonts/source-serif-4/600SemiBold/SourceSerif4_600SemiBold.ttf',
    italics: '@expo-google-fonts/source-serif-4/400Regular_Italic/SourceSerif4_400Regular_Italic.ttf',
    bolditalics: '@expo-google-fonts/source-serif-4/600SemiBold_Italic/SourceSerif4_600SemiBold_Italic.ttf',
  },
  [fontFamilies.sans]: {
    normal: '@expo-google-fonts/source-sans-3/400Regular/SourceSans3_400Regular.ttf',
    bold: '@expo-google-fonts/source-sans-3/600SemiBold/SourceSans3_600SemiBold.ttf',
    italics: '@expo-google-fonts/source-sans-3/400Regular_Italic/SourceSans3_400Regular_Italic.ttf',
    bolditalics: '@expo-google-fonts/source-sans-3/600SemiBold_Italic/SourceSans3_600SemiBold_Italic.ttf',
  },
};

/** Absolute paths of every font file, for input hashing. */
export function fontFilePaths(): string[] {
  return Object.values(fontFiles).flatMap((variants) =>
    Object.values(variants).map((spec) => require.resolve(spec)),
  );
}

/** pdfmake's `fonts` descriptor: family → variant → absolute path. */
export function pdfmakeFontDescriptors(): Record<string, Record<Variant, string>> {
  return Object.fromEntries(
    Object.entries(fontFiles).map(([family, variants]) => [
      family,
      Object.fromEntries(
        Object.entries(variants).map(([variant, spec]) => [variant, require.resolve(spec)]),
      ) as Record<Variant, string>,
    ]),
  );
}

let sansRegular: Font | undefined;
let sansBold: Font | undefined;

const measured = new Map<string, number>();

/**
 * Advance width of `text` in the sans family, in points, for laying out charts and figures.
 * Charts measure the same labels many times, so widths are remembered (per size and weight).
 */
export function measureSans(text: string, fontSize: number, bold = false): number {
  const key = `${bold ? 'b' : 'r'}${fontSize}:${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    const font = bold
      ? (sansBold ??= openFont(fontFiles[fontFamilies.sans]!.bold))
      : (sansRegular ??= openFont(fontFiles[fontFamilies.sans]!.normal));
    width = (font.layout(text).advanceWidth / font.unitsPerEm) * fontSize;
    if (measured.size > 20_000) measured.clear();
    measured.set(key, width);
  }
  return width;
}

/** The font pdfkit will embed from (font-sharing.ts), so measuring here decodes its tables once. */
function openFont(spec: string): Font {
  const font = sharedFont(require.resolve(spec)) as Font | { fonts: unknown };
  if ('fonts' in font) throw new Error(`font collection not expected: ${spec}`);
  return font;
}
