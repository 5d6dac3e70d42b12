/** Rendering reaches neither the network nor any file but the fonts. */
import { describe, expect, test } from 'vitest';
import { renderPdf } from '../../src/pdf/render.js';
import { fontFamilies } from '../../src/pdf/fonts.js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';

const withImage = (image: string): TDocumentDefinitions => ({
  content: [{ text: 'x' }, { image, width: 10 }],
  defaultStyle: { font: fontFamilies.serif },
});

describe('pdfmake access policies', () => {
  test('an image URL is refused without a request', async () => {
    await expect(renderPdf(withImage('http://127.0.0.1:9/x.png'))).rejects.toThrow(/denied/i);
  });

  test('a local file outside the fonts is refused', async () => {
    await expect(renderPdf(withImage('/etc/hostname'))).rejects.toThrow(/denied|not allowed|access/i);
  });

  test('a document using only the embedded fonts renders', async () => {
    const pdf = await renderPdf({
      content: ['≥ ± µ – — ’ αβγ Ω'],
      defaultStyle: { font: fontFamilies.serif },
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('font coverage', () => {
  test('both families have a glyph for every character of the Cenersen data and of common symbols', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { pdfmakeFontDescriptors } = await import('../../src/pdf/fonts.js');
    const fontkit = await import('fontkit');
    const data = readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8');
    const characters = new Set([...data.replace(/\s/g, ''), ...'≥≤±µμ–—’‘“”×αβγδκλΩ→']);
    for (const family of Object.values(pdfmakeFontDescriptors())) {
      for (const path of Object.values(family)) {
        const font = fontkit.create(readFileSync(path)) as { hasGlyphForCodePoint(c: number): boolean };
        const missing = [...characters].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0) ?? 0));
        expect(missing, path).toEqual([]);
      }
    }
  });
});
