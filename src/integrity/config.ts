/**
 * Project-wide integrity settings: the `integrity` key of the config file (briefsmith.config.*,
 * loaded and validated by src/config/load.ts), same shape as a brief's own `integrity` section.
 * A brief's own settings win over the config file, rule by rule.
 */
import type { IntegritySettings } from '../data/schema.js';

export interface IntegrityConfig {
  settings: IntegritySettings;
  /** Where the settings came from, shown with each re-grade. */
  source: string;
}

/** The integrity part of a resolved configuration, if the config file has one. */
export function integrityFromConfig(config: {
  integrity?: IntegritySettings | undefined;
  file?: string | undefined;
}): IntegrityConfig | undefined {
  return config.integrity ? { settings: config.integrity, source: config.file ?? 'config' } : undefined;
}
