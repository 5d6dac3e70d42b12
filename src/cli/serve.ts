/**
 * `briefsmith serve`: starts the HTTP service (src/server/app.ts) and owns the process concerns
 * the app must not: signals and the exit code. SIGTERM or SIGINT starts a graceful shutdown;
 * the returned promise resolves with 0 once in-flight renders have finished and the listener
 * has closed, and bin/briefsmith.js sets the exit code.
 */
import { existsSync, statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import { resolveConfig } from '../config/load.js';
import { BriefsmithError } from '../errors/errors.js';
import { integrityFromConfig } from '../integrity/config.js';
import { defaultServerOptions } from '../server/options.js';
import { pdfPageSize } from '../pdf/assemble.js';

export interface ServeOptions {
  port: number;
  host: string;
  data: string;
  out: string;
  templates?: string;
  pageSize: 'A4' | 'Letter';
  bodyLimit: number;
  concurrency: number;
  maxQueue: number;
  renderTimeout: number;
  shutdownDelay: number;
  logLevel: string;
  config?: string;
}

export const serveDefaults = {
  port: 8080,
  host: '127.0.0.1',
  bodyLimit: defaultServerOptions.bodyLimit,
  concurrency: defaultServerOptions.concurrency,
  maxQueue: defaultServerOptions.maxWaiting,
  renderTimeout: defaultServerOptions.renderTimeoutMs,
  shutdownDelay: defaultServerOptions.shutdownDelayMs,
};

/** Commander argument parser for whole numbers in [min, max]. */
export function integerIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (!/^\d+$/.test(value.trim()) || parsed < min || parsed > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}, got "${value}"`);
    }
    return parsed;
  };
}

export async function serveCommand(options: ServeOptions): Promise<number> {
  // Loaded here, not at start-up: other commands should not pay for Fastify.
  const { createServer } = await import('../server/app.js');
  if (!existsSync(options.data) || !statSync(options.data).isDirectory()) {
    throw new BriefsmithError('usage', `data folder not found: ${options.data} (give one with --data)`);
  }
  const apiKey = process.env.BRIEFSMITH_API_KEY || undefined;
  // The same integrity, data-notes and keep settings as `build`, so both judge, hash and keep a
  // brief alike and neither republishes what the other built.
  const config = await resolveConfig({ flags: { config: options.config } });
  const integrity = integrityFromConfig(config);
  const server = createServer({
    dataDir: options.data,
    outDir: options.out,
    templatesDir: options.templates,
    pageSize: pdfPageSize(options.pageSize),
    apiKey,
    bodyLimit: options.bodyLimit,
    concurrency: options.concurrency,
    maxWaiting: options.maxQueue,
    renderTimeoutMs: options.renderTimeout,
    shutdownDelayMs: options.shutdownDelay,
    logger: { level: options.logLevel },
    ...(integrity ? { integrity } : {}),
    dataNotes: config.dataNotes,
    keep: config.keep,
  });
  let url: string;
  try {
    url = await server.listen(options.port, options.host);
  } catch (error) {
    await server.close(); // the render threads would otherwise keep the process alive
    throw new BriefsmithError(
      'usage',
      `cannot listen on ${options.host}:${options.port}: ${(error as Error).message} (choose another --port or --host)`,
    );
  }
  server.app.log.info(
    { url, data: options.data, out: options.out, writeEndpoints: apiKey ? 'enabled' : 'disabled' },
    'briefsmith serve listening',
  );
  await waitForSignal(server.app.log);
  await server.close();
  return 0;
}

function waitForSignal(log: { info(obj: object, msg: string): void }): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      log.info({ signal }, 'signal received: finishing in-flight work, then exiting');
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
}
