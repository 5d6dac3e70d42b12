/**
 * Distribution run: every publication goes to every channel that selects its brief. Each
 * delivery is retried with backoff, logged to `output/deliveries.jsonl`, and if it still fails
 * it is kept in `output/outbox.json` and tried again on the next run; one failing channel never
 * holds up another. The Atom feed is rewritten from the publication history.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import picomatch from 'picomatch';
import { z } from 'zod';
import { writeFileAtomic } from '../io/publish.js';
import { fileHasDigest } from '../publish/publisher.js';
import type { DistributionConfig } from './config.js';
import { composeEmail, sendEmail } from './email.js';
import { atomFeed } from './feed.js';
import { readPublications, type Publication } from './history.js';
import { withRetries, type AttemptLog } from './retry.js';
import { postWebhook, webhookPayload } from './webhook.js';

export interface Delivery {
  channel: 'webhook' | 'email';
  /** Webhook URL or the recipients, comma-separated. */
  target: string;
  id: string;
  version: number;
}

export interface DeliveryResult extends Delivery {
  ok: boolean;
  attempts: AttemptLog[];
}

export interface DistributeOptions {
  outDir: string;
  config: DistributionConfig;
  /** Publications to send now (besides what waits in the outbox). */
  publications: readonly Publication[];
  dryRun?: boolean;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

const outboxSchema = z.array(
  z.object({
    channel: z.enum(['webhook', 'email']),
    target: z.string(),
    id: z.string(),
    version: z.number(),
  }),
);

export function readOutbox(outDir: string): Delivery[] {
  const path = join(outDir, 'outbox.json');
  return existsSync(path) ? outboxSchema.parse(JSON.parse(readFileSync(path, 'utf8'))) : [];
}

/** The deliveries a publication needs under the current configuration. */
export function plannedDeliveries(publication: Publication, config: DistributionConfig): Delivery[] {
  const selects = (globs: string[]) => picomatch(globs)(publication.id);
  const base = { id: publication.id, version: publication.version };
  return [
    ...config.webhooks
      .filter((w) => selects(w.briefs))
      .map((w): Delivery => ({ channel: 'webhook', target: w.url, ...base })),
    ...(config.email?.recipients ?? [])
      .filter((r) => selects(r.briefs))
      .map((r): Delivery => ({ channel: 'email', target: r.to.join(','), ...base })),
  ];
}

const key = (d: Delivery) => `${d.channel} ${d.target} ${d.id} ${d.version}`;

export async function distribute(options: DistributeOptions): Promise<DeliveryResult[]> {
  const { outDir, config } = options;
  const history = readPublications(outDir);
  writeFileAtomic(
    join(outDir, 'feed.xml'),
    Buffer.from(atomFeed(history, { ...config.feed, baseUrl: config.baseUrl })),
  );
  const pending = new Map<string, Delivery>();
  for (const delivery of readOutbox(outDir)) pending.set(key(delivery), delivery);
  for (const publication of options.publications) {
    for (const delivery of plannedDeliveries(publication, config)) pending.set(key(delivery), delivery);
  }
  if (options.dryRun) return [...pending.values()].map((d) => ({ ...d, ok: true, attempts: [] }));
  const byVersion = new Map(history.map((p) => [`${p.id} ${p.version}`, p]));
  const results = await Promise.all(
    [...pending.values()].map((delivery) =>
      deliver(delivery, byVersion.get(`${delivery.id} ${delivery.version}`), options),
    ),
  );
  const now = (options.now ?? (() => new Date()))().toISOString();
  appendFileSync(
    join(outDir, 'deliveries.jsonl'),
    results.map((r) => `${JSON.stringify({ at: now, ...r })}\n`).join(''),
  );
  const failed = results
    .filter((r) => !r.ok)
    .map(({ channel, target, id, version }) => ({ channel, target, id, version }));
  writeFileAtomic(join(outDir, 'outbox.json'), Buffer.from(`${JSON.stringify(failed, null, 2)}\n`));
  return results;
}

async function deliver(
  delivery: Delivery,
  publication: Publication | undefined,
  options: DistributeOptions,
): Promise<DeliveryResult> {
  if (!publication) {
    return {
      ...delivery,
      ok: false,
      attempts: [{ attempt: 0, ok: false, detail: 'publication no longer in the history' }],
    };
  }
  const { config } = options;
  const policy = { attempts: config.retry.attempts, backoffMs: config.retry.backoffMs, sleep: options.sleep };
  const outcome = await withRetries(policy, () => sendOne(delivery, publication, options));
  return { ...delivery, ok: outcome.ok, attempts: outcome.log };
}

async function sendOne(
  delivery: Delivery,
  publication: Publication,
  options: DistributeOptions,
): Promise<string> {
  const { config, outDir } = options;
  if (delivery.channel === 'webhook') {
    const hook = config.webhooks.find((w) => w.url === delivery.target);
    if (!hook) throw new Error(`webhook ${delivery.target} is no longer configured`);
    const secret = process.env[hook.secretEnv];
    if (!secret) throw new Error(`environment variable ${hook.secretEnv} (the webhook secret) is not set`);
    return postWebhook(hook.url, secret, webhookPayload(publication, config.baseUrl), config.retry.timeoutMs);
  }
  if (!config.email) throw new Error('email is no longer configured');
  const pdfPath = join(outDir, publication.file);
  // Attach the file only while it is still this version; otherwise send the link alone.
  const current = fileHasDigest(pdfPath, publication.sha256);
  const email = composeEmail(
    publication,
    current ? pdfPath : undefined,
    delivery.target.split(','),
    config.email,
    config.baseUrl,
  );
  return sendEmail(email, config.email, config.retry.timeoutMs);
}
