/** The HTML pages: the catalog at / and one page per brief with its diagnostics. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context.js';
import { briefPage, catalogPage, errorPage, pageSecurityPolicy } from '../html.js';

function sendPage(reply: FastifyReply, status: number, page: string): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', pageSecurityPolicy)
    .send(page);
}

export function pageRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/', async (_request, reply) => sendPage(reply, 200, catalogPage(context.catalog.list())));

  app.get<{ Params: { id: string } }>('/briefs/:id', async (request, reply) => {
    const source = context.catalog.readSource(request.params.id);
    if (!source) return sendPage(reply, 404, errorPage(404, 'No brief with this id in the data folder.'));
    return sendPage(reply, 200, briefPage(context.catalog.item(source), source.diagnostics));
  });
}
