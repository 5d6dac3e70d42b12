/**
 * Webhooks: one signed JSON POST per published brief. The signature is an HMAC-SHA256 of the
 * exact body bytes with the endpoint's secret, sent as `X-Briefsmith-Signature-256: sha256=<hex>`;
 * receivers recompute it (see docs/distribution.md).
 */
import { createHmac } from 'node:crypto';
import type { Publication } from './history.js';
import { downloadUrl } from './feed.js';

export const signatureHeader = 'x-briefsmith-signature-256';

export interface WebhookPayload {
  event: 'brief.published';
  id: string;
  version: number;
  title: string;
  sha256: string;
  bytes: number;
  downloadUrl: string;
  publishedAt: string;
  changeSummary: string;
  changes: Publication['changes'];
}

export function webhookPayload(publication: Publication, baseUrl: string): WebhookPayload {
  return {
    event: 'brief.published',
    id: publication.id,
    version: publication.version,
    title: publication.title,
    sha256: publication.sha256,
    bytes: publication.bytes,
    downloadUrl: downloadUrl(baseUrl, publication.id),
    publishedAt: publication.publishedAt,
    changeSummary: publication.summary,
    changes: publication.changes,
  };
}

export function sign(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** One delivery attempt; resolves with a short status line, throws on any failure. */
export async function postWebhook(
  url: string,
  secret: string,
  payload: WebhookPayload,
  timeoutMs: number,
): Promise<string> {
  const body = JSON.stringify(payload);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'briefsmith',
      'x-briefsmith-event': payload.event,
      'x-briefsmith-delivery': `${payload.id}-${payload.version}`,
      [signatureHeader]: sign(body, secret),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
  return `HTTP ${response.status}`;
}
