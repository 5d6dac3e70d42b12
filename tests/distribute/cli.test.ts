/**
 * Distribution through the real CLI: `briefsmith build` with a config that has webhooks and
 * email, one number changed between two builds; the webhook body, the email, the feed (also as
 * served by `briefsmith serve`) and `briefsmith diff` all name exactly that change.
 */
import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { XMLParser } from 'fast-xml-parser';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer as createBriefServer } from '../../src/server/app.js';
import { sha256 } from '../../src/publish/manifest.js';

const run = promisify(execFile);
const repo = join(import.meta.dirname, '../..');
const cenersen = readFileSync(join(repo, 'data/cenersen.yaml'), 'utf8');
const secret = 'cli-test-secret';
const change = 'AML results: CR 15% (8/53) → 17% (9/53)';

async function briefsmith(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(repo, 'bin/briefsmith.js'), ...args], {
      cwd,
      env: { ...process.env, HOOK_SECRET: secret },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('briefsmith build with distribution configured', () => {
  const bodies: { body: string; signed: boolean }[] = [];
  const mails: ParsedMail[] = [];
  let hook: Server;
  let smtp: SMTPServer;
  let dir: string;

  beforeAll(async () => {
    hook = createServer(async (request, response) => {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString();
      const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      bodies.push({ body, signed: request.headers['x-briefsmith-signature-256'] === expected });
      response.writeHead(200).end();
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then((mail) => {
          mails.push(mail);
          callback();
        }, callback);
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));

    dir = mkdtempSync(join(tmpdir(), 'briefsmith-dist-cli-'));
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data/cenersen.yaml'), cenersen);
    writeFileSync(
      join(dir, 'briefsmith.config.json'),
      JSON.stringify({
        out: 'out',
        distribution: {
          baseUrl: 'http://briefs.test/',
          webhooks: [
            { url: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/`, secretEnv: 'HOOK_SECRET' },
          ],
          email: {
            smtp: { host: '127.0.0.1', port: (smtp.server.address() as AddressInfo).port },
            from: 'briefs@briefs.test',
            recipients: [{ briefs: ['*'], to: ['reader@briefs.test'] }],
          },
          retry: { attempts: 2, backoffMs: 10, timeoutMs: 5000 },
        },
      }),
    );
  });

  afterAll(async () => {
    hook.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  test('each channel names exactly the one changed number', async () => {
    const first = await briefsmith(['build'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('→ cenersen v1: first publication');

    writeFileSync(
      join(dir, 'data/cenersen.yaml'),
      cenersen.replace('{ percent: 15, n: 8, N: 53 }', '{ percent: 17, n: 9, N: 53 }'),
    );
    const second = await briefsmith(['build'], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain(`→ cenersen v2: ${change}`);
    expect(second.stdout).toContain('distribution: 2 delivered, 0 failed');

    const pdf = readFileSync(join(dir, 'out/cenersen.pdf'));
    const webhook = JSON.parse(bodies.at(-1)!.body);
    expect(bodies.at(-1)!.signed).toBe(true);
    expect(webhook).toMatchObject({ id: 'cenersen', version: 2, sha256: sha256(pdf), changeSummary: change });

    const mail = mails.at(-1)!;
    expect(mail.text).toContain(`What changed: ${change}`);
    expect(sha256(mail.attachments[0]!.content)).toBe(sha256(pdf));

    const feedXml = readFileSync(join(dir, 'out/feed.xml'), 'utf8');
    const feed = new XMLParser().parse(feedXml).feed;
    expect(feed.entry[0].summary).toBe(change);

    const diff = await briefsmith(['diff', 'cenersen'], dir);
    expect(diff.stdout).toBe(`cenersen v1 → v2: 1 change(s)\n  ${change}\n`);

    const runs = readFileSync(join(dir, 'out/runs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(runs.at(-1)).toMatchObject({
      schedule: 'build',
      distribution: { publications: 1, delivered: 2, failed: [] },
    });

    // The service serves the same feed.
    const server = createBriefServer({ dataDir: join(dir, 'data'), outDir: join(dir, 'out') });
    const url = await server.listen(0, '127.0.0.1');
    try {
      const response = await fetch(`${url}/feed.xml`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/atom+xml');
      expect(await response.text()).toBe(feedXml);
    } finally {
      await server.close();
    }
  }, 120_000);

  test('a third build with nothing changed sends nothing', async () => {
    const before = bodies.length;
    const again = await briefsmith(['build'], dir);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('distribution:');
    expect(bodies.length).toBe(before);
  }, 60_000);

  test('a scheduled run distributes too, and records the deliveries in its run history', async () => {
    const config = JSON.parse(readFileSync(join(dir, 'briefsmith.config.json'), 'utf8'));
    config.schedules = [{ name: 'nightly', cron: '0 6 * * *', briefs: 'data/*.yaml', timezone: 'UTC' }];
    writeFileSync(join(dir, 'briefsmith.config.json'), JSON.stringify(config));
    writeFileSync(
      join(dir, 'data/cenersen.yaml'),
      cenersen.replace('{ percent: 15, n: 8, N: 53 }', '{ percent: 19, n: 10, N: 53 }'),
    );
    const before = bodies.length;
    const scheduled = await briefsmith(['schedule', '--once', 'nightly'], dir);
    expect(scheduled.code, scheduled.stderr).toBe(0);
    expect(bodies.length).toBe(before + 1);
    expect(JSON.parse(bodies.at(-1)!.body)).toMatchObject({
      version: 3,
      changeSummary: 'AML results: CR 17% (9/53) → 19% (10/53)',
    });
    const runs = readFileSync(join(dir, 'out/runs.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(runs.at(-1)).toMatchObject({
      schedule: 'nightly',
      distribution: { publications: 1, delivered: 2 },
    });
  }, 120_000);
});
