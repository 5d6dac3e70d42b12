/**
 * Distribution against real peers on 127.0.0.1: an HTTP server that verifies webhook signatures
 * (one that fails first), a real SMTP server whose mail is parsed, and the Atom feed parsed as XML.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { distributionSchema, type DistributionInput } from '../../src/distribute/config.js';
import { distribute, readOutbox } from '../../src/distribute/distribute.js';
import { recordPublication } from '../../src/distribute/history.js';
import { signatureHeader } from '../../src/distribute/webhook.js';
import { generateBrief, checkBrief } from '../../src/pipeline.js';
import { publishBrief } from '../../src/publish/publish.js';
import { sha256 } from '../../src/publish/manifest.js';

const cenersen = readFileSync(join(import.meta.dirname, '../../data/cenersen.yaml'), 'utf8');
const secret = 'test-secret-value';
process.env.BRIEFSMITH_TEST_WEBHOOK_SECRET = secret;

interface Received {
  body: string;
  signatureOk: boolean;
}

/** A webhook receiver that answers 500 to its first `failures` requests, then 200. */
async function receiver(
  failures: number,
): Promise<{ server: Server; url: string; received: Received[]; calls: () => number }> {
  const received: Received[] = [];
  let calls = 0;
  const server = createServer(async (request: IncomingMessage, response) => {
    calls++;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    if (calls <= failures) {
      response.writeHead(500).end();
      return;
    }
    received.push({ body, signatureOk: request.headers[signatureHeader] === expected });
    response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/hook`, received, calls: () => calls };
}

async function smtpServer(): Promise<{ server: SMTPServer; port: number; mails: ParsedMail[] }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { server, port, mails };
}

/** Builds and publishes a brief like the CLI does, then records the publication. */
async function publish(outDir: string, text: string, now: Date) {
  const result = await generateBrief({ file: 'cenersen.yaml', text });
  if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
  const entry = publishBrief(
    outDir,
    {
      id: 'cenersen',
      title: result.title,
      issued: result.issued,
      source: 'cenersen.yaml',
      pdf: result.pdf,
      pageCount: result.pageCount,
      inputsHash: sha256(text),
      diagnostics: [],
    },
    now,
  );
  const { model } = checkBrief('cenersen.yaml', text);
  return recordPublication(outDir, { ...entry, publishedAt: now.toISOString() }, model!.brief);
}

describe('distributing a changed brief', () => {
  let good: Awaited<ReturnType<typeof receiver>>;
  let flaky: Awaited<ReturnType<typeof receiver>>;
  let smtp: Awaited<ReturnType<typeof smtpServer>>;
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };

  beforeAll(async () => {
    good = await receiver(0);
    flaky = await receiver(2);
    smtp = await smtpServer();
  });

  afterAll(async () => {
    good.server.close();
    flaky.server.close();
    await new Promise<void>((resolve) => smtp.server.close(() => resolve()));
  });

  function config(extra: Partial<DistributionInput> = {}) {
    return distributionSchema.parse({
      baseUrl: 'https://briefs.example.org/',
      webhooks: [
        { url: good.url, secretEnv: 'BRIEFSMITH_TEST_WEBHOOK_SECRET' },
        { url: flaky.url, secretEnv: 'BRIEFSMITH_TEST_WEBHOOK_SECRET' },
      ],
      email: {
        smtp: { host: '127.0.0.1', port: smtp.port },
        from: 'briefs@example.org',
        recipients: [{ briefs: ['cen*'], to: ['med-affairs@example.org', 'qa@example.org'] }],
      },
      retry: { attempts: 3, backoffMs: 100, timeoutMs: 5000 },
      ...extra,
    });
  }

  test('one changed number reaches the feed, both webhooks (signed, retried) and the email', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefsmith-dist-'));
    const first = await publish(out, cenersen, new Date('2026-01-05T09:00:00Z'));
    expect(first.summary).toBe('first publication');
    const edited = cenersen.replace('{ percent: 15, n: 8, N: 53 }', '{ percent: 17, n: 9, N: 53 }');
    const second = await publish(out, edited, new Date('2026-02-05T09:00:00Z'));
    expect(second.version).toBe(2);
    expect(second.summary).toBe('AML results: CR 15% (8/53) → 17% (9/53)');

    const results = await distribute({ outDir: out, config: config(), publications: [second], sleep });
    expect(results.every((r) => r.ok)).toBe(true);
    expect(readOutbox(out)).toEqual([]);

    // Webhooks: both signed correctly; the flaky one after two failures and two backoffs.
    for (const peer of [good, flaky]) {
      expect(peer.received).toHaveLength(1);
      expect(peer.received[0]?.signatureOk).toBe(true);
      const payload = JSON.parse(peer.received[0]!.body);
      expect(payload).toMatchObject({
        id: 'cenersen',
        version: 2,
        sha256: sha256(readFileSync(join(out, 'cenersen.pdf'))),
        downloadUrl: 'https://briefs.example.org/v1/briefs/cenersen.pdf',
        changeSummary: 'AML results: CR 15% (8/53) → 17% (9/53)',
      });
    }
    expect(flaky.calls()).toBe(3);
    expect(sleeps).toEqual([100, 200]);
    const log = readFileSync(join(out, 'deliveries.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(
      log.find((entry) => entry.target === flaky.url).attempts.map((a: { ok: boolean }) => a.ok),
    ).toEqual([false, false, true]);

    // Email: recipients, subject, the change in both parts, the published PDF attached.
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0]!;
    const to = Array.isArray(mail.to) ? mail.to : [mail.to];
    expect(to.flatMap((address) => address?.value.map((v) => v.address))).toEqual([
      'med-affairs@example.org',
      'qa@example.org',
    ]);
    expect(mail.subject).toBe(
      'The Efficacy of Cenersen in Hematological Malignancies: A Comparative Analysis — version 2',
    );
    expect(mail.text).toContain('What changed: AML results: CR 15% (8/53) → 17% (9/53)');
    expect(mail.html).toContain('AML results: CR 15% (8/53) → 17% (9/53)');
    expect(mail.attachments).toHaveLength(1);
    const attachment = mail.attachments[0]!;
    expect(attachment.contentType).toBe('application/pdf');
    expect(attachment.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(sha256(attachment.content)).toBe(second.sha256);

    // Feed: valid Atom, newest entry first, naming the change and linking the download.
    const feed = new XMLParser({ ignoreAttributes: false }).parse(
      readFileSync(join(out, 'feed.xml'), 'utf8'),
    );
    expect(feed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = feed.feed.entry;
    expect(entries).toHaveLength(2);
    expect(entries[0].title['#text'] ?? entries[0].title).toContain('(version 2)');
    expect(entries[0].summary['#text'] ?? entries[0].summary).toBe('AML results: CR 15% (8/53) → 17% (9/53)');
    expect(entries[0].link['@_href']).toBe('https://briefs.example.org/v1/briefs/cenersen.pdf');
    expect(entries[1].summary['#text'] ?? entries[1].summary).toBe('first publication');
  });

  test('a delivery that keeps failing is kept in the outbox and sent on the next run; others are not held up', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefsmith-dist-'));
    const publication = await publish(out, cenersen, new Date('2026-03-01T09:00:00Z'));
    const down = await receiver(1000);
    const cfg = config({
      webhooks: [
        { url: down.url, secretEnv: 'BRIEFSMITH_TEST_WEBHOOK_SECRET' },
        { url: good.url, secretEnv: 'BRIEFSMITH_TEST_WEBHOOK_SECRET' },
      ],
      email: undefined,
    });
    const before = good.received.length;
    const first = await distribute({ outDir: out, config: cfg, publications: [publication], sleep });
    expect(first.filter((r) => !r.ok).map((r) => r.target)).toEqual([down.url]);
    expect(good.received.length).toBe(before + 1);
    expect(readOutbox(out)).toEqual([{ channel: 'webhook', target: down.url, id: 'cenersen', version: 1 }]);

    // The endpoint recovers: the next run (with nothing new) delivers what was kept.
    down.server.close();
    const recovered = await receiver(0);
    writeFileSync(
      join(out, 'outbox.json'),
      JSON.stringify([{ channel: 'webhook', target: recovered.url, id: 'cenersen', version: 1 }]),
    );
    const cfg2 = config({
      webhooks: [{ url: recovered.url, secretEnv: 'BRIEFSMITH_TEST_WEBHOOK_SECRET' }],
      email: undefined,
    });
    const second = await distribute({ outDir: out, config: cfg2, publications: [], sleep });
    expect(second.map((r) => r.ok)).toEqual([true]);
    expect(recovered.received).toHaveLength(1);
    expect(readOutbox(out)).toEqual([]);
    recovered.server.close();
  });

  test('--dry-run plans without sending', async () => {
    const out = mkdtempSync(join(tmpdir(), 'briefsmith-dist-'));
    const publication = await publish(out, cenersen, new Date('2026-03-01T09:00:00Z'));
    const mailsBefore = smtp.mails.length;
    const planned = await distribute({
      outDir: out,
      config: config(),
      publications: [publication],
      dryRun: true,
      sleep,
    });
    expect(planned.map((p) => p.channel).sort()).toEqual(['email', 'webhook', 'webhook']);
    expect(smtp.mails.length).toBe(mailsBefore);
  });
});
