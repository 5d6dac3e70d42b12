/**
 * `defineConfig()` for `briefsmith.config.ts`: returns its argument unchanged and exists for the
 * type, so editors complete and check keys. Exported as `briefsmith/config`; kept free of runtime
 * imports so loading a config file stays cheap.
 *
 *   import { defineConfig } from 'briefsmith/config';
 *   export default defineConfig({ out: 'public/briefs', schedules: [...] });
 */
import type { BriefsmithConfigInput } from './schema.js';

export type { BriefsmithConfigInput as BriefsmithConfig, ScheduleConfig } from './schema.js';

export function defineConfig(config: BriefsmithConfigInput): BriefsmithConfigInput {
  return config;
}
