import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parse } from 'yaml';
import { readManifest } from '../../src/publish/manifest.js';
import {
  hostileTitle,
  invalidBriefText,
  makeWorkspace,
  pdfPageCount,
  postBrief,
  rawGet,
  referenceBriefText,
  referenceTitle,
  startServer,
  startsWithPdfHeader,
  withTitle,
  type RunningServer,
  type Workspace,
} from './helpers.js';

const apiKey = 'test-key-0123456789';

interface Problem {
  error: string;
  message: string;
  diagnostics?: { rule: string; path: string; line: number | null; column: number | null; message: string }[];
}

describe('briefsmith serve API (real server on 127.0.0.1)', () => {
  let workspace: Workspace;
  let running: RunningServer;
  let url: string;

  beforeAll(async () => {
    workspace = makeWorkspace();
    mkdirSync(join(workspace.dataDir, 'a-folder.yaml')); // a folder, however named, is not a brief
    running = await startServer(workspace, { apiKey, bodyLimit: 256 * 1024 });
    url = running.url;
  });

  afterAll(async () => {
    await running.close();
    workspace.remove();
  });

  describe('POST /v1/render', () => {
    it('renders a YAML brief to a PDF that parses, without publishing it', async () => {
      const response = await postBrief(url, referenceBriefText);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(response.headers.get('x-brief-pages')).toMatch(/^\d+$/);
      expect(response.headers.get('x-request-id')).toBeTruthy();
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(startsWithPdfHeader(bytes)).toBe(true);
      expect(await pdfPageCount(bytes)).toBe(Number(response.headers.get('x-brief-pages')));
      expect(existsSync(join(workspace.outDir, 'manifest.json'))).toBe(false);
    });

    it('accepts the same brief as JSON and as text/yaml', async () => {
      const json = JSON.stringify(parse(referenceBriefText));
      const fromJson = await postBrief(url, json, 'application/json; charset=utf-8');
      expect(fromJson.status).toBe(200);
      expect(startsWithPdfHeader(new Uint8Array(await fromJson.arrayBuffer()))).toBe(true);
      const fromTextYaml = await postBrief(url, stringify(parse(referenceBriefText)), 'text/yaml');
      expect(fromTextYaml.status).toBe(200);
      await fromTextYaml.arrayBuffer();
    });

    it('answers malformed YAML with 422 and the line and column of the problem', async () => {
      const response = await postBrief(url, 'meta:\n  title: ok\n  issued: [2025\nintroduction: x\n');
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.error).toBe('invalid-brief');
      const syntax = problem.diagnostics?.find((d) => d.rule === 'syntax');
      expect(syntax).toBeDefined();
      expect(syntax?.line).toBeGreaterThanOrEqual(3);
      expect(syntax?.column).toBeGreaterThanOrEqual(1);
    });

    it('answers malformed JSON with 422 and a position', async () => {
      const response = await postBrief(url, '{"meta": {"title": "x",}', 'application/json');
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.diagnostics?.[0]?.line).toBe(1);
    });

    it('answers schema errors with 422 listing rule, path, line and message', async () => {
      const response = await postBrief(url, invalidBriefText);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.diagnostics?.length).toBeGreaterThan(0);
      for (const d of problem.diagnostics ?? []) {
        expect(d.rule).toBeTruthy();
        expect(d.path).toBeTruthy();
        expect(d.message).toBeTruthy();
        expect(d).toHaveProperty('line');
        expect(d).toHaveProperty('column');
        expect(d).toHaveProperty('hint');
      }
      expect(problem.diagnostics?.some((d) => d.rule === 'schema' && d.line !== null)).toBe(true);
    });

    it('answers an empty body with 422', async () => {
      const response = await postBrief(url, '');
      expect(response.status).toBe(422);
    });

    it('answers a body over the limit with 413', async () => {
      const response = await postBrief(url, `# ${'x'.repeat(300 * 1024)}\n${referenceBriefText}`);
      expect(response.status).toBe(413);
      expect(((await response.json()) as Problem).error).toBe('body-too-large');
    });

    it('answers other content types with 415', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/pdf']) {
        const response = await postBrief(url, referenceBriefText, type);
        expect(response.status).toBe(415);
        expect(((await response.json()) as Problem).message).toContain('application/yaml');
      }
    });

    it('answers an unknown query parameter with 400', async () => {
      const response = await fetch(`${url}/v1/render?pageSize=A3`, {
        method: 'POST',
        headers: { 'content-type': 'application/yaml' },
        body: referenceBriefText,
      });
      expect(response.status).toBe(400);
    });
  });

  describe('catalog and downloads', () => {
    it('lists every brief with its validation status', async () => {
      const response = await fetch(`${url}/v1/briefs`);
      expect(response.status).toBe(200);
      const { briefs } = (await response.json()) as {
        briefs: { id: string; title: string | null; issued: string | null; validation: { status: string } }[];
      };
      expect(briefs.map((b) => b.id)).toEqual(['broken', 'cenersen', 'hostile-title']);
      expect(briefs.find((b) => b.id === 'cenersen')).toMatchObject({
        title: referenceTitle,
        issued: '2025-12',
        pdf: null,
      });
      expect(briefs.find((b) => b.id === 'broken')?.validation.status).toBe('invalid');
      expect(briefs.find((b) => b.id === 'hostile-title')?.title).toBe(hostileTitle);
    });

    it('builds a missing PDF on demand, publishes it, and serves it with validators', async () => {
      const response = await fetch(`${url}/v1/briefs/cenersen.pdf`);
      expect(response.status).toBe(200);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(startsWithPdfHeader(bytes)).toBe(true);
      const entry = readManifest(workspace.outDir).briefs.find((b) => b.id === 'cenersen');
      expect(entry).toBeDefined();
      expect(response.headers.get('etag')).toBe(`"${entry?.sha256}"`);
      expect(response.headers.get('last-modified')).toBe(new Date(entry!.builtAt).toUTCString());
      expect(await pdfPageCount(bytes)).toBe(entry?.pages);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="The Efficacy of Cenersen in Hematological Malignancies A Comparative Analysis.pdf"; ` +
          `filename*=UTF-8''The%20Efficacy%20of%20Cenersen%20in%20Hematological%20Malignancies%20A%20Comparative%20Analysis.pdf`,
      );
      const catalog = (await (await fetch(`${url}/v1/briefs/cenersen`)).json()) as {
        pdf: { current: boolean; sha256: string; bytes: number };
      };
      expect(catalog.pdf).toMatchObject({ current: true, sha256: entry?.sha256, bytes: bytes.length });
    });

    it('serves a current PDF without rebuilding it', async () => {
      const before = readManifest(workspace.outDir).briefs.find((b) => b.id === 'cenersen');
      const response = await fetch(`${url}/v1/briefs/cenersen.pdf`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      const after = readManifest(workspace.outDir).briefs.find((b) => b.id === 'cenersen');
      expect(after?.builtAt).toBe(before?.builtAt);
    });

    it('answers If-None-Match with 304 and a Range with 206', async () => {
      const first = await fetch(`${url}/v1/briefs/cenersen.pdf`);
      const etag = first.headers.get('etag')!;
      const full = new Uint8Array(await first.arrayBuffer());
      const cached = await fetch(`${url}/v1/briefs/cenersen.pdf`, { headers: { 'if-none-match': etag } });
      expect(cached.status).toBe(304);
      expect((await cached.arrayBuffer()).byteLength).toBe(0);
      const lastModified = first.headers.get('last-modified')!;
      const unchanged = await fetch(`${url}/v1/briefs/cenersen.pdf`, {
        headers: { 'if-modified-since': lastModified },
      });
      expect(unchanged.status).toBe(304);
      const older = await fetch(`${url}/v1/briefs/cenersen.pdf`, {
        headers: { 'if-modified-since': new Date(Date.parse(lastModified) - 60_000).toUTCString() },
      });
      expect(older.status).toBe(200);
      await older.arrayBuffer();
      const etagWins = await fetch(`${url}/v1/briefs/cenersen.pdf`, {
        headers: { 'if-none-match': '"other"', 'if-modified-since': lastModified },
      });
      expect(etagWins.status).toBe(200);
      await etagWins.arrayBuffer();
      const partial = await fetch(`${url}/v1/briefs/cenersen.pdf`, { headers: { range: 'bytes=0-99' } });
      expect(partial.status).toBe(206);
      expect(partial.headers.get('content-range')).toBe(`bytes 0-99/${full.length}`);
      expect(Buffer.from(await partial.arrayBuffer()).equals(Buffer.from(full.subarray(0, 100)))).toBe(true);
      const tail = await fetch(`${url}/v1/briefs/cenersen.pdf`, { headers: { range: 'bytes=-10' } });
      expect(tail.status).toBe(206);
      expect(Buffer.from(await tail.arrayBuffer()).toString('latin1')).toBe(
        Buffer.from(full.subarray(full.length - 10)).toString('latin1'),
      );
      const staleIfRange = await fetch(`${url}/v1/briefs/cenersen.pdf`, {
        headers: { range: 'bytes=0-9', 'if-range': '"other"' },
      });
      expect(staleIfRange.status).toBe(200);
      await staleIfRange.arrayBuffer();
    });

    it('answers HEAD with the headers of the download and no body', async () => {
      const response = await fetch(`${url}/v1/briefs/cenersen.pdf`, { method: 'HEAD' });
      expect(response.status).toBe(200);
      expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{64}"$/);
      expect(Number(response.headers.get('content-length'))).toBeGreaterThan(1000);
      expect((await response.arrayBuffer()).byteLength).toBe(0);
    });

    it('answers an unsatisfiable Range with 416', async () => {
      const response = await fetch(`${url}/v1/briefs/cenersen.pdf`, {
        headers: { range: 'bytes=99999999-' },
      });
      expect(response.status).toBe(416);
      expect(response.headers.get('content-range')).toMatch(/^bytes \*\/\d+$/);
    });

    it('rebuilds a PDF whose data changed since it was published', async () => {
      const before = readManifest(workspace.outDir).briefs.find((b) => b.id === 'cenersen')!;
      writeFileSync(
        join(workspace.dataDir, 'cenersen.yaml'),
        withTitle(referenceBriefText, 'Cenersen, revised'),
      );
      try {
        const listed = (await (await fetch(`${url}/v1/briefs/cenersen`)).json()) as {
          pdf: { current: boolean };
        };
        expect(listed.pdf.current).toBe(false);
        const response = await fetch(`${url}/v1/briefs/cenersen.pdf`);
        expect(response.status).toBe(200);
        await response.arrayBuffer();
        const after = readManifest(workspace.outDir).briefs.find((b) => b.id === 'cenersen')!;
        expect(after.title).toBe('Cenersen, revised');
        expect(after.version).toBe(before.version + 1);
        expect(response.headers.get('etag')).toBe(`"${after.sha256}"`);
        expect(response.headers.get('content-disposition')).toContain('filename="Cenersen, revised.pdf"');
      } finally {
        writeFileSync(join(workspace.dataDir, 'cenersen.yaml'), referenceBriefText);
      }
    });

    it('answers the PDF of an invalid brief with 422 and its diagnostics', async () => {
      const response = await fetch(`${url}/v1/briefs/broken.pdf`);
      expect(response.status).toBe(422);
      const problem = (await response.json()) as Problem;
      expect(problem.diagnostics?.length).toBeGreaterThan(0);
      expect(existsSync(join(workspace.outDir, 'broken.pdf'))).toBe(false);
    });

    it('answers unknown and malformed ids with 404', async () => {
      for (const path of [
        '/v1/briefs/nope.pdf',
        '/v1/briefs/Cenersen.pdf',
        '/v1/briefs/nope',
        '/briefs/nope',
      ]) {
        const response = await fetch(`${url}${path}`);
        expect(response.status, path).toBe(404);
        await response.arrayBuffer();
      }
    });

    it('never serves a file outside the output folder (path traversal → 404)', async () => {
      const attempts = [
        '/v1/briefs/..%2F..%2Fetc%2Fpasswd.pdf',
        '/v1/briefs/../package.json.pdf',
        '/v1/briefs/../../package.json.pdf',
        '/v1/briefs/%2e%2e%2fpackage.json.pdf',
        '/v1/briefs/..%5C..%5Cpackage.json.pdf',
        '/v1/briefs/.manifest.pdf',
        '/v1/briefs/manifest.json',
        '/v1/briefs/cenersen.yaml',
        '/v1/briefs/%00cenersen.pdf',
        '/v1/briefs/cenersen%00.pdf',
        '/briefs/..%2Fpackage.json',
        '/v1/briefs/..%2Fdata%2Fcenersen/regenerate',
      ];
      for (const path of attempts) {
        const response = await rawGet(url, path);
        expect(response.status, path).toBe(404);
        expect(response.body, path).not.toContain('%PDF-');
        expect(response.body, path).not.toContain('"dependencies"');
        expect(response.body, path).not.toContain('root:');
      }
    });
  });

  describe('POST /v1/briefs/{id}/regenerate', () => {
    const regenerate = (id: string, authorization?: string) =>
      fetch(`${url}/v1/briefs/${id}/regenerate`, {
        method: 'POST',
        headers: authorization ? { authorization } : {},
      });

    it('answers 401 without a key', async () => {
      const response = await regenerate('cenersen');
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toContain('Bearer');
      await response.arrayBuffer();
      const notBearer = await regenerate(
        'cenersen',
        `Basic ${Buffer.from(`x:${apiKey}`).toString('base64')}`,
      );
      expect(notBearer.status).toBe(401);
      await notBearer.arrayBuffer();
    });

    it('answers 403 with a wrong key, however close', async () => {
      for (const key of ['wrong', apiKey.slice(0, -1), `${apiKey}x`, apiKey.toUpperCase()]) {
        const response = await regenerate('cenersen', `Bearer ${key}`);
        expect(response.status, key).toBe(403);
        expect(((await response.json()) as Problem).error).toBe('forbidden');
      }
    });

    it('rebuilds with the right key and returns the catalog entry', async () => {
      const response = await regenerate('hostile-title', `Bearer ${apiKey}`);
      expect(response.status).toBe(200);
      const item = (await response.json()) as { id: string; pdf: { current: boolean; pages: number } };
      expect(item.id).toBe('hostile-title');
      expect(item.pdf.current).toBe(true);
      const bytes = readFileSync(join(workspace.outDir, 'hostile-title.pdf'));
      expect(await pdfPageCount(bytes)).toBe(item.pdf.pages);
    });

    it('answers 404 for an unknown brief and 422 for an invalid one (with the key)', async () => {
      const unknown = await regenerate('nope', `Bearer ${apiKey}`);
      expect(unknown.status).toBe(404);
      await unknown.arrayBuffer();
      const invalid = await regenerate('broken', `Bearer ${apiKey}`);
      expect(invalid.status).toBe(422);
      await invalid.arrayBuffer();
    });
  });

  describe('health, OpenAPI and pages', () => {
    it('answers /healthz and /readyz', async () => {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready' });
    });

    it('echoes a plain X-Request-Id and replaces a hostile one', async () => {
      const plain = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
      expect(plain.headers.get('x-request-id')).toBe('abc-123');
      const hostile = await fetch(`${url}/healthz`, { headers: { 'x-request-id': 'a b\tc<script>' } });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('describes every route in /openapi.json', async () => {
      const response = await fetch(`${url}/openapi.json`);
      expect(response.status).toBe(200);
      const document = (await response.json()) as {
        openapi: string;
        paths: Record<string, Record<string, unknown>>;
      };
      expect(document.openapi).toBe('3.1.0');
      const routes = running.server.routes.filter((r) => r.method !== 'HEAD');
      expect(routes.length).toBeGreaterThanOrEqual(9);
      for (const route of routes) {
        const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
        expect(document.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
      }
    });

    it('lists every brief on / with escaped titles and download links', async () => {
      const response = await fetch(`${url}/`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const page = await response.text();
      expect(page).not.toContain('<script');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co&#39;s');
      expect(page).toContain(referenceTitle);
      expect(page).toContain('href="/v1/briefs/cenersen.pdf"');
      expect(page).toContain('href="/v1/briefs/hostile-title.pdf"');
      expect(page).toContain('href="/briefs/broken"');
      expect(page).toContain('invalid (');
    });

    it('shows a brief page with its diagnostics, escaped', async () => {
      const response = await fetch(`${url}/briefs/broken`);
      expect(response.status).toBe(200);
      const page = await response.text();
      expect(page).toContain('<h2>Diagnostics</h2>');
      expect(page).toContain('broken.yaml:');
      expect(page).toContain('schema');
      const hostile = await (await fetch(`${url}/briefs/hostile-title`)).text();
      expect(hostile).not.toContain('<script');
      expect(hostile).toContain('&lt;script&gt;');
    });
  });
});
