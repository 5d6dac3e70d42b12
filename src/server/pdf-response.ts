/**
 * Sending a PDF the way HTTP caches and download managers expect: a strong ETag (the sha256 of
 * the bytes), If-None-Match (or else If-Modified-Since) → 304, Last-Modified, single byte ranges → 206 (unsatisfiable → 416;
 * several ranges are answered with the whole file, which RFC 9110 allows), and a
 * Content-Disposition whose filename comes from the title (RFC 6266: an ASCII `filename` plus a
 * UTF-8 `filename*`).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { sha256 } from '../publish/manifest.js';

export interface PdfToSend {
  bytes: Buffer;
  /** Used for the download filename; falls back to the id. */
  title: string | null;
  fallbackName: string;
  lastModified?: Date;
  /** The bytes' sha256 when already known (the manifest's), to skip hashing again. */
  sha256?: string;
}

export function sendPdf(request: FastifyRequest, reply: FastifyReply, pdf: PdfToSend): FastifyReply {
  const etag = `"${pdf.sha256 ?? sha256(pdf.bytes)}"`;
  reply
    .header('content-type', 'application/pdf')
    .header('etag', etag)
    .header('accept-ranges', 'bytes')
    .header('cache-control', 'no-cache')
    .header('content-disposition', contentDisposition(pdf.title, pdf.fallbackName));
  if (pdf.lastModified) reply.header('last-modified', pdf.lastModified.toUTCString());
  if (notModified(request, etag, pdf.lastModified)) return reply.code(304).send();
  const range = request.headers.range;
  if (range && rangeApplies(request.headers['if-range'], etag)) {
    const ranges = parseRange(pdf.bytes.length, range, { combine: true });
    if (ranges === -1) {
      return reply
        .code(416)
        .header('content-range', `bytes */${pdf.bytes.length}`)
        .header('content-type', 'application/json; charset=utf-8')
        .send({ error: 'range-not-satisfiable', message: `the PDF has ${pdf.bytes.length} bytes` });
    }
    if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) {
      const { start, end } = ranges[0]!;
      return reply
        .code(206)
        .header('content-range', `bytes ${start}-${end}/${pdf.bytes.length}`)
        .send(pdf.bytes.subarray(start, end + 1));
    }
  }
  return reply.code(200).send(pdf.bytes);
}

/** RFC 9110 §13.2.2: If-None-Match decides when present; otherwise If-Modified-Since (whole seconds). */
function notModified(request: FastifyRequest, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined) return etagMatches(ifNoneMatch, etag);
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  if (!lastModified || Number.isNaN(since)) return false;
  return Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

/** If-Range with another validator means "the file changed": send it whole. */
function rangeApplies(ifRange: string | string[] | undefined, etag: string): boolean {
  return ifRange === undefined || String(ifRange).trim() === etag;
}

/** `attachment; filename="Title.pdf"; filename*=UTF-8''Title.pdf` with a safe, readable name. */
export function contentDisposition(title: string | null, fallbackName: string): string {
  const readable = withoutControlCharacters(title ?? fallbackName)
    .normalize('NFC')
    .replace(/["\\/:*?<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 120)
    .trim();
  const name = `${readable || fallbackName}.pdf`;
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/[%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Control characters would break the header (or smuggle one in); they become spaces. */
function withoutControlCharacters(value: string): string {
  return Array.from(value, (c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('');
}
