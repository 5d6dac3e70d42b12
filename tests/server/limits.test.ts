import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
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

describe('limits that hold under abuse', () => {
  let workspace: Workspace | undefined;
  let running: RunningServer | undefined;

  afterEach(async () => {
    await running?.close();
    workspace?.remove();
    running = undefined;
    workspace = undefined;
  });

  it('answers 429 with Retry-After when the render queue is full', async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    running = await startServer(workspace, { concurrency: 1, maxWaiting: 1 });
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => postBrief(running!.url, referenceBriefText)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(2);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    for (const response of responses) {
      if (response.status === 429) {
        expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
        expect(await response.json()).toMatchObject({ error: 'busy' });
      } else {
        expect(startsWithPdfHeader(new Uint8Array(await response.arrayBuffer()))).toBe(true);
      }
    }
  });

  it('drops a waiting render whose client hung up', async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    running = await startServer(workspace, { concurrency: 1, maxWaiting: 4 });
    const { url, server } = running;
    const first = postBrief(url, referenceBriefText);
    for (let i = 0; i < 500 && server.context.queue.running === 0; i++) await delay(10);
    const hangUp = new AbortController();
    const abandoned = fetch(`${url}/v1/render`, {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: referenceBriefText,
      signal: hangUp.signal,
    });
    for (let i = 0; i < 500 && server.context.queue.waiting === 0; i++) await delay(10);
    expect(server.context.queue.waiting).toBe(1);
    hangUp.abort();
    await expect(abandoned).rejects.toThrow();
    const response = await first;
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    // Had the abandoned render run, it would hold the only slot for hundreds of milliseconds.
    await delay(50);
    expect({ running: server.context.queue.running, waiting: server.context.queue.waiting }).toEqual({
      running: 0,
      waiting: 0,
    });
  });

  it('answers 503 when a render passes its timeout, and the server stays usable', async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    running = await startServer(workspace, { renderTimeoutMs: 1 });
    const response = await postBrief(running.url, referenceBriefText);
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBeTruthy();
    expect(await response.json()).toMatchObject({ error: 'render-timeout' });
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
  });

  it('turns write endpoints off when no key is configured', async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    running = await startServer(workspace, { apiKey: undefined });
    const response = await fetch(`${running.url}/v1/briefs/cenersen/regenerate`, {
      method: 'POST',
      headers: { authorization: 'Bearer anything' },
    });
    expect(response.status).toBe(403);
    const problem = (await response.json()) as { error: string; message: string };
    expect(problem.error).toBe('writes-disabled');
    expect(problem.message).toContain('BRIEFSMITH_API_KEY');
  });

  it('on close: readiness fails, new renders are refused, the in-flight render completes', async () => {
    workspace = makeWorkspace({ hostile: false, invalid: false });
    running = await startServer(workspace, { shutdownDelayMs: 1500 });
    const { url, server } = running;
    const inFlight = postBrief(url, referenceBriefText);
    for (let i = 0; i < 200 && server.context.queue.running === 0; i++) await delay(10);
    expect(server.context.queue.running).toBe(1);
    const closing = server.close();
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'shutting-down' });
    const refused = await postBrief(url, referenceBriefText);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: 'shutting-down' });
    const response = await inFlight;
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(await pdfPageCount(bytes)).toBeGreaterThan(0);
    await closing;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
