/**
 * Liveness and readiness for orchestrators: /healthz says the process answers; /readyz says it
 * takes work (false from the moment shutdown starts, so load balancers drain it first).
 */
import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';

export function healthRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    const queue = { running: context.queue.running, waiting: context.queue.waiting };
    if (context.state.shuttingDown) {
      return reply.code(503).send({ status: 'shutting-down', queue });
    }
    return { status: 'ready', queue };
  });
}
