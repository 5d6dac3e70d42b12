/** Minimal declarations for packages that ship no types; only what briefsmith calls. */
declare module 'fontkit' {
  export interface Font {
    unitsPerEm: number;
    layout(text: string): { advanceWidth: number };
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font | { fonts: Font[] };
}

declare module '@citation-js/core' {
  export const Cite: unknown;
}

declare module '@citation-js/plugin-csl';
