/**
 * Everything `briefsmith serve` can be told, with its defaults in one place so the CLI, the
 * tests, the docs (docs/server.md) and the OpenAPI description agree.
 */
import type { IntegrityConfig } from '../integrity/config.js';
import { availableParallelism } from 'node:os';
import type { PageSize } from '../pdf/assemble.js';

export interface ServerOptions {
  /** Folder of brief files (*.yaml, *.yml, *.json): the catalog. */
  dataDir: string;
  /** Folder of published PDFs and manifest.json. */
  outDir: string;
  /** Folder whose templates override the built-in ones (read at start-up). */
  templatesDir?: string;
  pageSize: PageSize;
  /** Bearer key for write endpoints; undefined turns write endpoints off. */
  apiKey?: string;
  /** Largest accepted request body, in bytes (413 above). */
  bodyLimit: number;
  /** Renders running at once. */
  concurrency: number;
  /** Renders allowed to wait for a slot; one more gets 429. */
  maxWaiting: number;
  /** A render running longer than this answers 503 (the render itself still completes). */
  renderTimeoutMs: number;
  /** After close() is called, /readyz answers 503 for this long before the listener closes. */
  shutdownDelayMs: number;
  /** A pino logger option: false (silent), true, or pino options. */
  logger: boolean | { level: string };
  /** From the config file, as `build` uses them, so both judge and hash a brief alike. */
  integrity?: IntegrityConfig;
  dataNotes?: boolean;
  /** Earlier versions kept per brief when the server publishes. */
  keep?: number;
}

export const defaultServerOptions: ServerOptions = {
  dataDir: 'data',
  outDir: 'output',
  pageSize: 'A4',
  bodyLimit: 1024 * 1024,
  // One core stays with the event loop (HTTP, validation, hashing); on 2 CPUs one render thread
  // measured faster than two (bench/server.mjs: 2.1 vs 1.6 renders/s).
  concurrency: Math.max(1, availableParallelism() - 1),
  maxWaiting: 32,
  renderTimeoutMs: 30_000,
  shutdownDelayMs: 0,
  logger: false,
};

/** Ids name files, so they are held to a shape that can never leave a folder. */
export const briefIdPattern = /^[a-z0-9][a-z0-9._-]*$/;
