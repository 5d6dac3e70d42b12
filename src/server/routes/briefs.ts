/**
 * The catalog API: list briefs, describe one, download its PDF (built on demand when missing or
 * stale) and, with the API key, rebuild it now.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { assertWriteAllowed } from '../auth.js';
import type { CheckedSource } from '../catalog.js';
import type { ServerContext } from '../context.js';
import { sendPdf } from '../pdf-response.js';
import { diagnosticJson, notFound } from '../problems.js';

interface IdParams {
  id: string;
}

export function briefRoutes(app: FastifyInstance, context: ServerContext): void {
  const { catalog } = context;

  const sourceOf = (request: FastifyRequest<{ Params: IdParams }>): CheckedSource => {
    const source = catalog.readSource(request.params.id);
    if (!source) throw notFound(`no brief with id "${request.params.id}" in the data folder`);
    return source;
  };

  app.get('/v1/briefs', async () => ({ briefs: catalog.list() }));

  app.get<{ Params: IdParams }>('/v1/briefs/:id.pdf', async (request, reply) => {
    const source = sourceOf(request);
    const started = performance.now();
    const published = await catalog.ensurePdf(source);
    request.log.info(
      { brief: source.id, version: published.entry.version, ms: Math.round(performance.now() - started) },
      'pdf served',
    );
    return sendPdf(request, reply, {
      bytes: published.bytes,
      title: published.entry.title,
      fallbackName: source.id,
      lastModified: new Date(published.entry.builtAt),
      sha256: published.entry.sha256,
    });
  });

  app.get<{ Params: IdParams }>('/v1/briefs/:id', async (request) => {
    const source = sourceOf(request);
    return { ...catalog.item(source), diagnostics: source.diagnostics.map(diagnosticJson) };
  });

  app.post<{ Params: IdParams }>('/v1/briefs/:id/regenerate', async (request) => {
    assertWriteAllowed(request, context.options.apiKey);
    const source = sourceOf(request);
    const published = await catalog.build(source);
    request.log.info({ brief: source.id, version: published.entry.version }, 'brief regenerated');
    return catalog.item(source);
  });
}
