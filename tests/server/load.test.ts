/**
 * A bounded load test: 300 requests at concurrency 20, mixed renders and downloads, against a
 * real server. It asserts correctness under load (no 5xx, every PDF valid) and that memory
 * returns near its start; it does not assert timings (those are in bench/server.mjs).
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeWorkspace,
  pdfPageCount,
  postBrief,
  referenceBriefText,
  startServer,
  startsWithPdfHeader,
  type RunningServer,
  type Workspace,
} from './helpers.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const totalRequests = 300;
const concurrency = 20;
const megabyte = 1024 * 1024;

type Kind = 'render' | 'pdf' | 'range' | 'catalog' | 'page' | 'health';
const kinds: Kind[] = ['render', 'pdf', 'catalog', 'pdf', 'range', 'page', 'pdf', 'range', 'health', 'pdf'];

function request(url: string, kind: Kind): Promise<Response> {
  switch (kind) {
    case 'render':
      return postBrief(url, referenceBriefText);
    case 'pdf':
      return fetch(`${url}/v1/briefs/cenersen.pdf`);
    case 'range':
      return fetch(`${url}/v1/briefs/cenersen.pdf`, { headers: { range: 'bytes=0-1023' } });
    case 'catalog':
      return fetch(`${url}/v1/briefs`);
    case 'page':
      return fetch(`${url}/`);
    case 'health':
      return fetch(`${url}/healthz`);
  }
}

function memory(): { heap: number; rss: number } {
  for (let i = 0; i < 3; i++) collectGarbage();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed, rss: usage.rss };
}

describe('load: 300 requests at concurrency 20', () => {
  let workspace: Workspace;
  let running: RunningServer;

  beforeAll(async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    running = await startServer(workspace, { concurrency: 2, maxWaiting: 32 });
  });

  afterAll(async () => {
    await running.close();
    workspace.remove();
  });

  it('answers without 5xx, every PDF valid, memory back near its start', { timeout: 180_000 }, async () => {
    const { url } = running;
    // Warm up every path, and every render thread, so the baseline includes loaded modules and caches.
    for (const kind of new Set(kinds)) await (await request(url, kind)).arrayBuffer();
    const warmRenders = Array.from({ length: 4 }, () => request(url, 'render'));
    for (const response of await Promise.all(warmRenders)) await response.arrayBuffer();
    const before = memory();

    const statuses = new Map<number, number>();
    const pdfs: Uint8Array[] = [];
    let next = 0;
    const client = async () => {
      while (next < totalRequests) {
        const kind = kinds[next++ % kinds.length]!;
        const response = await request(url, kind);
        const body = new Uint8Array(await response.arrayBuffer());
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 200 && (kind === 'render' || kind === 'pdf')) pdfs.push(body);
        if (response.status === 206) expect(body.length).toBe(1024);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));

    const counted = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(counted).toBe(totalRequests);
    const serverErrors = [...statuses].filter(([status]) => status >= 500);
    expect(serverErrors).toEqual([]);
    expect(statuses.get(200) ?? 0).toBeGreaterThan(totalRequests / 2);
    expect(pdfs.length).toBeGreaterThanOrEqual(totalRequests / 2);
    for (const pdf of pdfs) {
      expect(startsWithPdfHeader(pdf)).toBe(true);
      expect(await pdfPageCount(pdf)).toBeGreaterThan(0);
    }
    pdfs.length = 0;

    const after = memory();
    console.log(
      `load: statuses ${JSON.stringify(Object.fromEntries(statuses))}; heap ${(before.heap / megabyte).toFixed(0)} → ` +
        `${(after.heap / megabyte).toFixed(0)} MB; rss ${(before.rss / megabyte).toFixed(0)} → ${(after.rss / megabyte).toFixed(0)} MB`,
    );
    // Tolerant bounds: a leak of even a few KB per request over 300 requests would show here.
    expect(after.heap).toBeLessThan(before.heap * 1.25 + 32 * megabyte);
    expect(after.rss).toBeLessThan(before.rss * 1.25 + 128 * megabyte);
  });
});
