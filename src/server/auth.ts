/**
 * Write endpoints (those that change output/) need `Authorization: Bearer <key>` with the key
 * from BRIEFSMITH_API_KEY. Without a configured key they are switched off (403), so a server
 * started without thinking about auth can never be written to from the network.
 *
 * Keys are compared as sha256 digests with timingSafeEqual: equal length by construction, and
 * the time taken says nothing about how much of a guess was right.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { HttpProblem } from './problems.js';

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

export function keysMatch(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/** Throws the 401/403 problem that fits, or returns when the request may write. */
export function assertWriteAllowed(request: FastifyRequest, apiKey: string | undefined): void {
  if (!apiKey) {
    throw new HttpProblem(
      403,
      'writes-disabled',
      'write endpoints are disabled on this server: start it with BRIEFSMITH_API_KEY set to enable them',
    );
  }
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    throw new HttpProblem(
      401,
      'unauthorized',
      'this endpoint needs an "Authorization: Bearer <key>" header',
      {},
      { 'www-authenticate': 'Bearer realm="briefsmith"' },
    );
  }
  if (!keysMatch(match[1]!, apiKey)) {
    throw new HttpProblem(403, 'forbidden', 'the API key is not valid for this server');
  }
}
