/**
 * Distribution settings (the `distribution` key of the config file): where download links
 * point, the feed, webhooks, email and retry policy. Secrets are named by environment variable,
 * never written in the file.
 */
import { z } from 'zod';

const briefSelector = z
  .array(z.string().min(1))
  .default(['*'])
  .describe('brief ids or globs such as "cenersen" or "onc-*"');

export const distributionSchema = z.strictObject({
  baseUrl: z
    .url({ protocol: /^https?$/ })
    .describe('public address of `briefsmith serve`, for download links'),
  feed: z
    .strictObject({
      title: z.string().min(1).default('briefsmith briefs'),
      entries: z.number().int().positive().default(50),
    })
    .default({ title: 'briefsmith briefs', entries: 50 }),
  webhooks: z
    .array(
      z.strictObject({
        url: z.url({ protocol: /^https?$/ }),
        secretEnv: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/, 'name an environment variable, e.g. WEBHOOK_SECRET'),
        briefs: briefSelector,
      }),
    )
    .default([]),
  email: z
    .strictObject({
      smtp: z.strictObject({
        host: z.string().min(1),
        port: z.number().int().positive().default(587),
        secure: z.boolean().default(false),
        user: z.string().min(1).optional(),
        passwordEnv: z
          .string()
          .regex(/^[A-Z_][A-Z0-9_]*$/)
          .optional(),
        requireTLS: z.boolean().default(false),
      }),
      from: z.string().min(3),
      maxAttachmentBytes: z
        .number()
        .int()
        .positive()
        .default(5 * 1024 * 1024),
      recipients: z.array(z.strictObject({ briefs: briefSelector, to: z.array(z.email()).min(1) })).min(1),
    })
    .optional(),
  retry: z
    .strictObject({
      attempts: z.number().int().min(1).max(10).default(4),
      backoffMs: z.number().int().min(0).default(500),
      timeoutMs: z.number().int().positive().default(10_000),
    })
    .default({ attempts: 4, backoffMs: 500, timeoutMs: 10_000 }),
});

export type DistributionConfig = z.infer<typeof distributionSchema>;
export type DistributionInput = z.input<typeof distributionSchema>;
