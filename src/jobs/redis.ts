/** A `redis://user:pass@host:port/db` URL as BullMQ (ioredis) connection options. */
import type { ConnectionOptions } from 'bullmq';
import { BriefsmithError } from '../errors/errors.js';

export function redisConnection(url: string): ConnectionOptions {
  const parsed = new URL(url);
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; ioredis must not give up on those commands.
    maxRetriesPerRequest: null,
  };
}

/**
 * Resolves when Redis answers PING within `timeoutMs`; rejects otherwise. A throwaway client
 * that does not retry, so an unreachable server fails fast and leaves no socket behind (BullMQ's
 * own connections retry forever and cannot be closed until they have connected).
 */
export async function pingRedis(url: string, timeoutMs: number): Promise<void> {
  const { Redis } = await import('ioredis');
  const client = new Redis({
    ...(redisConnection(url) as Record<string, unknown>),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on('error', () => undefined); // reported through the rejected connect() below
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

/** Pings Redis for up to 10 s; an unreachable server is the user's I/O error, with `fix` as the way out. */
export async function assertRedisReachable(url: string, fix: string): Promise<void> {
  await pingRedis(url, 10_000).catch((error: Error) => {
    throw new BriefsmithError('io', `cannot reach Redis at ${url} (${error.message}): ${fix}`);
  });
}
