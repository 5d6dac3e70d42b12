/**
 * POST /v1/render: a brief in the body → its PDF, without publishing anything. It writes no
 * file, so it needs no key; it is bounded by the body limit and the render queue instead.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { countBySeverity } from '../../errors/diagnostic.js';
import type { ServerContext } from '../context.js';
import { sendPdf } from '../pdf-response.js';
import { HttpProblem, invalidBrief } from '../problems.js';
import { pdfPageSize } from '../../pdf/assemble.js';

const renderQuery = z.strictObject({ pageSize: z.enum(['A4', 'Letter']).optional() });

/** Aborts when the connection closes before the response is written: nobody waits any more. */
function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

export function renderRoutes(app: FastifyInstance, context: ServerContext): void {
  app.post('/v1/render', async (request, reply) => {
    const query = renderQuery.safeParse(request.query ?? {});
    if (!query.success) {
      throw new HttpProblem(400, 'bad-query', 'the only query parameter is pageSize=A4|Letter');
    }
    const text = typeof request.body === 'string' ? request.body : '';
    const pageSize = query.data.pageSize ? pdfPageSize(query.data.pageSize) : context.options.pageSize;
    request.log.info({ bytes: text.length }, 'render queued');
    const started = performance.now();
    const result = await context.queue.run(
      (signal) =>
        context.renderer.render(
          { file: 'request body', text, pageSize, ...context.catalog.renderSettings() },
          signal,
        ),
      clientGone(reply),
    );
    if (!result.ok) throw invalidBrief(result.diagnostics);
    request.log.info({ pages: result.pageCount, ms: Math.round(performance.now() - started) }, 'rendered');
    const counts = Object.entries(countBySeverity(result.diagnostics)).map(
      ([severity, count]) => `${severity}s=${count}`,
    );
    reply.header('x-brief-pages', String(result.pageCount)).header('x-brief-diagnostics', counts.join('; '));
    return sendPdf(request, reply, { bytes: result.pdf, title: result.title, fallbackName: 'brief' });
  });
}
