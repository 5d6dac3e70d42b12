/**
 * Shared fixtures for the server tests: a temporary data folder with a valid brief, a second
 * valid brief whose title is hostile HTML, and an invalid one; a real server on 127.0.0.1:0;
 * raw HTTP for paths that fetch() would normalise; PDF parsing with pdfjs-dist.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { createServer, type BriefServer } from '../../src/server/app.js';
import type { ServerOptions } from '../../src/server/options.js';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const referenceBriefText = readFileSync(join(repoRoot, 'data/cenersen.yaml'), 'utf8');
export const hostileTitle = `<script>alert("x")</script> & Co's "brief"`;

export const referenceTitle =
  'The Efficacy of Cenersen in Hematological Malignancies: A Comparative Analysis';

export function withTitle(text: string, title: string): string {
  return text.replace(`title: '${referenceTitle}'`, `title: ${JSON.stringify(title)}`);
}

export const invalidBriefText = `meta:
  title: Broken brief
  issued: '2025-13'
introduction: >-
  <b>not closed
`;

export interface Workspace {
  root: string;
  dataDir: string;
  outDir: string;
  remove(): void;
}

export function makeWorkspace(options: { hostile?: boolean; invalid?: boolean } = {}): Workspace {
  const root = mkdtempSync(join(tmpdir(), 'briefsmith-server-'));
  const dataDir = join(root, 'data');
  const outDir = join(root, 'output');
  mkdirSync(dataDir);
  writeFileSync(join(dataDir, 'cenersen.yaml'), referenceBriefText);
  if (options.hostile ?? true) {
    writeFileSync(join(dataDir, 'hostile-title.yaml'), withTitle(referenceBriefText, hostileTitle));
  }
  if (options.invalid ?? true) writeFileSync(join(dataDir, 'broken.yaml'), invalidBriefText);
  return { root, dataDir, outDir, remove: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RunningServer {
  server: BriefServer;
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  workspace: Workspace,
  overrides: Partial<ServerOptions> = {},
): Promise<RunningServer> {
  const server = createServer({ dataDir: workspace.dataDir, outDir: workspace.outDir, ...overrides });
  const url = await server.listen(0, '127.0.0.1');
  return { server, url, close: () => server.close() };
}

export async function pdfPageCount(bytes: Uint8Array): Promise<number> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  try {
    return document.numPages;
  } finally {
    await document.destroy();
  }
}

export function startsWithPdfHeader(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 5)).toString('latin1') === '%PDF-';
}

/** GET with the path sent exactly as written (fetch would resolve `..` before sending). */
export function rawGet(baseUrl: string, path: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolvePromise, reject) => {
    const req = httpRequest({ hostname, port, path, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

export async function postBrief(
  url: string,
  body: string,
  contentType = 'application/yaml',
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${url}/v1/render`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
}
