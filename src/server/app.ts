/**
 * `briefsmith serve` as a Fastify application: a thin HTTP adapter over the same core call as
 * the CLI (`generateBrief`) and the same publishing (`publishBrief` + manifest).
 *
 *   request ─► content-type parser (JSON/YAML as text; 413 / 415) ─► route
 *     routes/render  POST /v1/render ──────────► render queue ─► worker thread: generateBrief ─► PDF
 *     routes/briefs  /v1/briefs[/{id}[.pdf|/regenerate]] ─► catalog ─► queue ─► worker ─► publishBrief
 *     routes/pages   / and /briefs/{id} (HTML)      routes/health  /healthz /readyz
 *     routes/feed    /feed.xml (the Atom feed distribution writes)
 *   errors ─► one JSON problem shape { error, message, ... } with the fitting status
 *
 * `createServer` returns the instance unstarted so tests can listen on port 0; `close()` drains:
 * readiness fails at once, new renders are refused, in-flight requests and renders finish.
 * Signals are the CLI's business (src/cli/serve.ts), not this module's.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { loadTemplates } from '../prose/templates.js';
import { Catalog } from './catalog.js';
import type { ServerContext } from './context.js';
import { openApiDocument } from './openapi.js';
import { defaultServerOptions, type ServerOptions } from './options.js';
import { HttpProblem } from './problems.js';
import {
  ClientGoneError,
  QueueFullError,
  RenderQueue,
  RenderTimeoutError,
  ShuttingDownError,
} from './render-queue.js';
import { WorkerRenderer } from './renderer.js';
import { briefRoutes } from './routes/briefs.js';
import { feedRoutes } from './routes/feed.js';
import { healthRoutes } from './routes/health.js';
import { pageRoutes } from './routes/pages.js';
import { renderRoutes } from './routes/render.js';

export interface BriefServer {
  app: FastifyInstance;
  context: ServerContext;
  /** Every registered route (method and URL pattern), for the OpenAPI coverage test. */
  routes: { method: string; url: string }[];
  /** Starts listening; resolves to the bound URL (port 0 picks a free port). */
  listen(port: number, host: string): Promise<string>;
  /** Graceful stop: fail readiness, refuse new renders, let in-flight work finish, close. */
  close(): Promise<void>;
}

export const briefContentTypes = ['application/json', 'application/yaml', 'text/yaml'];

export function createServer(overrides: Partial<ServerOptions> = {}): BriefServer {
  const options: ServerOptions = { ...defaultServerOptions, ...overrides };
  const context = createContext(options);
  const app = Fastify({
    logger: options.logger,
    bodyLimit: options.bodyLimit,
    genReqId: requestId,
    // Requests still arriving on open connections during close get our own answers (readyz 503,
    // renders refused as shutting-down) in the usual JSON shape, each with Connection: close.
    return503OnClosing: false,
  });

  const routes: BriefServer['routes'] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  registerBodyParsers(app);
  registerHooks(app, context);
  registerErrorHandling(app);
  renderRoutes(app, context);
  briefRoutes(app, context);
  healthRoutes(app, context);
  pageRoutes(app, context);
  feedRoutes(app, context);
  app.get('/openapi.json', async () => openApiDocument(options));
  return serverHandle(app, context, routes);
}

/** What callers hold: listen once, close once (a second close() returns the first one's promise). */
function serverHandle(
  app: FastifyInstance,
  context: ServerContext,
  routes: BriefServer['routes'],
): BriefServer {
  let closing: Promise<void> | undefined;
  return {
    app,
    context,
    routes,
    async listen(port, host) {
      await app.listen({ port, host });
      const address = app.server.address();
      if (address === null || typeof address === 'string') return String(address);
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${shownHost}:${address.port}`;
    },
    close() {
      closing ??= shutDown(app, context);
      return closing;
    },
  };
}

function createContext(options: ServerOptions): ServerContext {
  const templates = loadTemplates(options.templatesDir);
  const queue = new RenderQueue({
    concurrency: options.concurrency,
    maxWaiting: options.maxWaiting,
    timeoutMs: options.renderTimeoutMs,
  });
  const renderer = new WorkerRenderer(options.concurrency);
  const catalog = new Catalog({ ...options, templates, queue, renderer });
  return { options, catalog, queue, renderer, templates, state: { shuttingDown: false } };
}

async function shutDown(app: FastifyInstance, context: ServerContext): Promise<void> {
  context.state.shuttingDown = true;
  context.queue.close();
  app.log.info({ running: context.queue.running, waiting: context.queue.waiting }, 'shutting down');
  if (context.options.shutdownDelayMs > 0) await delay(context.options.shutdownDelayMs);
  await Promise.all([app.close(), context.queue.idle()]);
  await context.renderer.destroy();
  app.log.info('stopped');
}

/** Accepts a caller's X-Request-Id when it is short and plain (it ends up in logs); else a UUID. */
function requestId(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Briefs arrive as text: the pipeline's YAML parser reads JSON too and keeps line/column. */
function registerBodyParsers(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(briefContentTypes, { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
}

function registerHooks(app: FastifyInstance, context: ServerContext): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff');
  });
  app.addHook('onSend', async (_request, reply) => {
    // Tell keep-alive clients to reconnect elsewhere so the listener can close promptly.
    if (context.state.shuttingDown) reply.header('connection', 'close');
  });
}

function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler(async (request, reply) =>
    reply.code(404).send({ error: 'not-found', message: `no route for ${request.method} ${request.url}` }),
  );
  app.setErrorHandler(async (error: FastifyError | Error, request, reply) => {
    if (error instanceof HttpProblem) {
      return reply
        .code(error.status)
        .headers(error.headers)
        .send({ error: error.code, message: error.message, ...error.extra });
    }
    if (error instanceof ClientGoneError) {
      request.log.info('client gone; render dropped');
      return reply.code(499).send({ error: 'client-gone', message: error.message });
    }
    if (error instanceof QueueFullError) {
      return reply
        .code(429)
        .header('retry-after', String(error.retryAfterSeconds))
        .send({ error: 'busy', message: error.message });
    }
    if (error instanceof RenderTimeoutError || error instanceof ShuttingDownError) {
      request.log.warn({ err: error }, error.message);
      return reply
        .code(503)
        .header('retry-after', error instanceof RenderTimeoutError ? '5' : '30')
        .send({
          error: error instanceof RenderTimeoutError ? 'render-timeout' : 'shutting-down',
          message: error.message,
        });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return reply
        .code(status)
        .send({ error: clientErrorCode(status), message: clientErrorMessage(status, error) });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'the server failed; the log has the details' });
  });
}

function clientErrorCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'bad-request',
    413: 'body-too-large',
    415: 'unsupported-media-type',
  };
  return codes[status] ?? 'client-error';
}

function clientErrorMessage(status: number, error: Error): string {
  if (status === 415) return `send the brief as ${briefContentTypes.join(', ')}`;
  if (status === 413) return `${error.message}: the body limit is set with --body-limit (bytes)`;
  return error.message;
}
