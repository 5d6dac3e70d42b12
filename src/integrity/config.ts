/**
 * Project-wide integrity settings from `briefsmith.config.json`, `.yaml` or `.yml` (key
 * `integrity`, same shape as a brief's own `integrity` section). A brief's own settings win
 * over the config file, rule by rule.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { integritySettingsSchema, type IntegritySettings } from '../data/schema.js';
import { BriefsmithError } from '../errors/errors.js';

export interface IntegrityConfig {
  settings: IntegritySettings;
  /** Where the settings came from, shown with each re-grade. */
  source: string;
}

export const configFileNames = ['briefsmith.config.json', 'briefsmith.config.yaml', 'briefsmith.config.yml'];

/** The config in `dir` (first of configFileNames), or `file` if given; undefined when there is none. */
export function loadIntegrityConfig(
  options: { dir?: string; file?: string } = {},
): IntegrityConfig | undefined {
  const file =
    options.file ??
    configFileNames.map((name) => join(options.dir ?? '.', name)).find((path) => existsSync(path));
  if (!file) return undefined;
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BriefsmithError('usage', `cannot read config ${file}: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
  const section = (data as { integrity?: unknown } | null)?.integrity;
  if (section === undefined) return undefined;
  const parsed = integritySettingsSchema.safeParse(section);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `integrity.${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BriefsmithError(
      'usage',
      `config ${file} is invalid: ${problems}; each rule entry needs severity (off|info|warning|error) and a reason`,
    );
  }
  return { settings: parsed.data, source: file };
}
