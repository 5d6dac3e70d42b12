/**
 * The Atom feed of new and updated briefs, written by distribution (docs/distribution.md) into
 * the output folder and served as it is.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

export function feedRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/feed.xml', async (_request, reply) => {
    const path = join(context.options.outDir, 'feed.xml');
    if (!existsSync(path)) {
      return reply.code(404).type('application/problem+json').send({
        type: 'about:blank',
        title: 'no feed yet',
        status: 404,
        detail:
          'the feed is written after the first distribution run (distribution settings in the config file)',
      });
    }
    return reply
      .type('application/atom+xml; charset=utf-8')
      .header('last-modified', statSync(path).mtime.toUTCString())
      .send(readFileSync(path));
  });
}
