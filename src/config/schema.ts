/**
 * The configuration file's schema: one zod schema is the source of the type users get from
 * `defineConfig()`, of validation, and of the defaults. Every key is documented in docs/batch.md.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { integritySettingsSchema } from '../data/schema.js';
import { distributionSchema } from '../distribute/config.js';

const positiveInt = z.number().int().min(1);

export const scheduleSchema = z.strictObject({
  /** Unique name, used by `briefsmith schedule --once <name>` and in output/runs.jsonl. */
  name: z
    .string()
    .min(1)
    .regex(/^[\w.-]+$/, 'use letters, digits, ".", "_" or "-"'),
  /** Five- or six-field cron expression (croner syntax), e.g. "0 6 * * 1-5". */
  cron: z.string().superRefine((value, ctx) => {
    const problem = cronProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** Glob(s) of brief files, relative to the config file, e.g. "data/*.yaml". */
  briefs: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** IANA time zone the cron expression is read in (default: the machine's). */
  timezone: z
    .string()
    .refine(isTimeZone, 'not an IANA time zone such as "Europe/Berlin" or "UTC"')
    .optional(),
  /** Rebuild every matched brief even when its inputs are unchanged. */
  force: z.boolean().default(false),
});

export const configSchema = z.strictObject({
  /** Output folder for PDFs, manifest.json, versions/ and runs.jsonl. */
  out: z.string().min(1).default('output'),
  /** Folders or files built when `briefsmith build` gets no paths. */
  data: z.union([z.string(), z.array(z.string())]).default(['data']),
  /** Folder whose templates override the built-in ones, by file name. */
  templates: z.string().min(1).optional(),
  pageSize: z.enum(['A4', 'Letter']).default('A4'),
  /** Worker threads for batch builds (default: the number of CPUs). */
  jobs: positiveInt.optional(),
  /** Earlier versions of each brief kept under versions/<id>/ for rollback. */
  keep: z.number().int().min(0).default(5),
  /** Retries of a failed brief in scheduled runs: `retries` more attempts, the first after `delayMs`, doubling. */
  retry: z
    .strictObject({
      retries: z.number().int().min(0).default(2),
      delayMs: z.number().int().min(0).default(30_000),
    })
    .default({ retries: 2, delayMs: 30_000 }),
  /** List integrity warnings in a "Data notes" appendix of every PDF (same as `build --data-notes`). */
  dataNotes: z.boolean().default(false),
  /** Project-wide integrity rule settings (docs/integrity.md); a brief's own settings win. */
  integrity: integritySettingsSchema.optional(),
  /**
   * Render through a BullMQ queue in Redis instead of local threads: `briefsmith worker` processes
   * on any machines take the jobs; this process still publishes (docs/batch.md, "Job runners").
   */
  queue: z
    .strictObject({
      redis: z.url({ protocol: /^rediss?$/ }).describe('e.g. redis://127.0.0.1:6379'),
      name: z.string().min(1).default('briefsmith-build'),
      /** Jobs in flight at once from one build. */
      concurrency: positiveInt.default(8),
      /** Longest wait for one brief's result. */
      timeoutMs: positiveInt.default(600_000),
    })
    .optional(),
  /** Feed, webhooks and email after each publish (docs/distribution.md). */
  distribution: distributionSchema.optional(),
  /** `build --watch`: quiet period after the last change before rebuilding. */
  watch: z.strictObject({ debounceMs: z.number().int().min(0).default(300) }).default({ debounceMs: 300 }),
  schedules: z
    .array(scheduleSchema)
    .default([])
    .superRefine((schedules, ctx) => {
      const seen = new Set<string>();
      schedules.forEach((s, index) => {
        if (seen.has(s.name))
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `duplicate schedule name "${s.name}"`,
          });
        seen.add(s.name);
      });
    }),
});

/** What a config file may contain (defaults optional). */
export type BriefsmithConfigInput = z.input<typeof configSchema>;
/** A resolved configuration: defaults applied, paths absolute. */
export type BriefsmithConfig = z.output<typeof configSchema>;
export type ScheduleConfig = z.output<typeof scheduleSchema>;

function cronProblem(pattern: string): string | undefined {
  try {
    new Cron(pattern, { paused: true });
    return undefined;
  } catch (error) {
    return `invalid cron expression "${pattern}": ${(error as Error).message}`;
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
