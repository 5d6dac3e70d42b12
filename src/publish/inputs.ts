/**
 * The inputs hash of a build: everything a PDF is made from. Two builds with the same hash give
 * the same bytes, so a build whose hash matches the manifest can be skipped.
 */
import { readFileSync } from 'node:fs';
import { fontFilePaths } from '../pdf/fonts.js';
import type { TemplateFile } from '../prose/templates.js';
import { version } from '../version.js';
import { sha256 } from './manifest.js';

export interface BuildInputs {
  dataText: string;
  templates: readonly TemplateFile[];
  /** Build options that change the output, e.g. page size; key order does not matter. */
  options: Record<string, unknown>;
}

let fontsHash: string | undefined;

/** Fonts change only with a reinstall; hash them once per process. */
function hashFonts(): string {
  fontsHash ??= sha256(
    fontFilePaths()
      .map((path) => sha256(readFileSync(path)))
      .join('\n'),
  );
  return fontsHash;
}

export function inputsHash(inputs: BuildInputs): string {
  const templates = [...inputs.templates]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((t) => `${t.name}:${sha256(t.source)}`);
  const options = Object.keys(inputs.options)
    .sort()
    .map((key) => `${key}=${JSON.stringify(inputs.options[key])}`);
  return sha256(
    [
      `briefsmith ${version}`,
      `data:${sha256(inputs.dataText)}`,
      `fonts:${hashFonts()}`,
      ...templates,
      ...options,
    ].join('\n'),
  );
}
