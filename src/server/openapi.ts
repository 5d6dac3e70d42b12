/**
 * The OpenAPI 3.1 description served at /openapi.json. Hand-written because the routes take
 * bodies as raw YAML/JSON text (validated by the pipeline's zod schema, not by Fastify), which
 * generated descriptions would get wrong. A test checks every registered route appears here.
 */
import { version } from '../version.js';
import type { ServerOptions } from './options.js';

const problem = {
  type: 'object',
  required: ['error', 'message'],
  properties: { error: { type: 'string' }, message: { type: 'string' } },
};

const diagnostic = {
  type: 'object',
  required: ['severity', 'rule', 'path', 'line', 'column', 'message', 'hint'],
  properties: {
    severity: { enum: ['error', 'warning', 'info'] },
    rule: { type: 'string', description: 'schema, syntax, template or an integrity rule id' },
    path: { type: 'string', description: 'data path such as indications[0].results' },
    line: { type: ['integer', 'null'] },
    column: { type: ['integer', 'null'] },
    message: { type: 'string' },
    hint: { type: ['string', 'null'] },
  },
};

const catalogItem = {
  type: 'object',
  required: ['id', 'source', 'title', 'issued', 'validation', 'pdf'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
    source: { type: 'string', description: 'file name in the data folder' },
    title: { type: ['string', 'null'] },
    issued: { type: ['string', 'null'] },
    validation: {
      type: 'object',
      properties: {
        status: { enum: ['valid', 'warnings', 'invalid'] },
        errors: { type: 'integer' },
        warnings: { type: 'integer' },
        infos: { type: 'integer' },
      },
    },
    pdf: {
      oneOf: [
        { type: 'null' },
        {
          type: 'object',
          properties: {
            pages: { type: 'integer' },
            bytes: { type: 'integer' },
            sha256: { type: 'string' },
            builtAt: { type: 'string', format: 'date-time' },
            version: { type: 'integer' },
            current: { type: 'boolean', description: 'false when the inputs changed since the build' },
          },
        },
      ],
    },
  },
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: object) => ({ 'application/json': { schema } });
const problemResponse = (description: string) => ({ description, content: json(ref('Problem')) });
const invalidResponse = {
  description: 'the brief is invalid; diagnostics say where and how to fix it',
  content: json({
    allOf: [
      ref('Problem'),
      { type: 'object', properties: { diagnostics: { type: 'array', items: ref('Diagnostic') } } },
    ],
  }),
};
const pdfResponse = (description: string) => ({
  description,
  headers: {
    ETag: { schema: { type: 'string' }, description: 'sha256 of the PDF bytes, quoted' },
    'Content-Disposition': {
      schema: { type: 'string' },
      description: 'attachment with a title-based filename',
    },
  },
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});
const idParameter = {
  name: 'id',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]*$' },
  description: 'the data file name without its extension',
};
const busy = {
  '429': {
    ...problemResponse('the render queue is full'),
    headers: { 'Retry-After': { schema: { type: 'integer' } } },
  },
  '503': problemResponse('the render timed out or the server is shutting down'),
};

export function openApiDocument(options: Pick<ServerOptions, 'bodyLimit' | 'apiKey'>): object {
  return {
    openapi: '3.1.0',
    info: {
      title: 'briefsmith',
      version,
      description: `Typeset PDF briefs from validated YAML or JSON. Write endpoints are ${options.apiKey ? 'enabled (bearer key)' : 'disabled on this server (no BRIEFSMITH_API_KEY)'}. Request bodies up to ${options.bodyLimit} bytes.`,
    },
    components: {
      schemas: { Problem: problem, Diagnostic: diagnostic, CatalogItem: catalogItem },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    },
    paths: {
      '/v1/render': {
        post: {
          summary: 'Render a brief sent in the body to PDF (publishes nothing; no key needed)',
          parameters: [{ name: 'pageSize', in: 'query', schema: { enum: ['A4', 'Letter'] } }],
          requestBody: {
            required: true,
            content: {
              'application/yaml': { schema: { type: 'string' } },
              'text/yaml': { schema: { type: 'string' } },
              'application/json': { schema: { type: 'object' } },
            },
          },
          responses: {
            '200': pdfResponse('the PDF'),
            '304': { description: 'the client already has these bytes (If-None-Match)' },
            '400': problemResponse('bad query parameter'),
            '413': problemResponse('body over the limit'),
            '415': problemResponse('content type other than JSON or YAML'),
            '422': invalidResponse,
            ...busy,
          },
        },
      },
      '/v1/briefs': {
        get: {
          summary: 'The catalog of briefs in the data folder',
          responses: {
            '200': {
              description: 'every brief',
              content: json({
                type: 'object',
                properties: { briefs: { type: 'array', items: ref('CatalogItem') } },
              }),
            },
          },
        },
      },
      '/v1/briefs/{id}': {
        get: {
          summary: 'One brief with its diagnostics',
          parameters: [idParameter],
          responses: {
            '200': {
              description: 'the brief',
              content: json({
                allOf: [
                  ref('CatalogItem'),
                  {
                    type: 'object',
                    properties: { diagnostics: { type: 'array', items: ref('Diagnostic') } },
                  },
                ],
              }),
            },
            '404': problemResponse('no such brief'),
          },
        },
      },
      '/v1/briefs/{id}.pdf': {
        get: {
          summary: 'The published PDF, built first when missing or out of date',
          parameters: [
            idParameter,
            { name: 'If-None-Match', in: 'header', schema: { type: 'string' } },
            { name: 'Range', in: 'header', schema: { type: 'string' }, description: 'one byte range' },
          ],
          responses: {
            '200': pdfResponse('the PDF'),
            '206': pdfResponse('the requested byte range'),
            '304': { description: 'not modified' },
            '404': problemResponse('no such brief'),
            '416': problemResponse('range not satisfiable'),
            '422': invalidResponse,
            ...busy,
          },
        },
      },
      '/v1/briefs/{id}/regenerate': {
        post: {
          summary: 'Rebuild and publish the PDF now (write endpoint)',
          security: [{ bearer: [] }],
          parameters: [idParameter],
          responses: {
            '200': { description: 'rebuilt', content: json(ref('CatalogItem')) },
            '401': problemResponse('no bearer key'),
            '403': problemResponse('wrong key, or write endpoints disabled (no BRIEFSMITH_API_KEY)'),
            '404': problemResponse('no such brief'),
            '422': invalidResponse,
            ...busy,
          },
        },
      },
      '/healthz': { get: { summary: 'Liveness', responses: { '200': { description: 'alive' } } } },
      '/feed.xml': {
        get: {
          summary: 'Atom feed of new and updated briefs, with change summaries and download links',
          responses: {
            '200': { description: 'Atom 1.0 feed', content: { 'application/atom+xml': {} } },
            '404': problemResponse('no distribution run has written the feed yet'),
          },
        },
      },
      '/readyz': {
        get: {
          summary: 'Readiness (503 from the start of shutdown)',
          responses: { '200': { description: 'ready' }, '503': { description: 'shutting down' } },
        },
      },
      '/openapi.json': {
        get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
      '/': {
        get: {
          summary: 'HTML catalog of briefs with download links (no JavaScript)',
          responses: { '200': { description: 'HTML', content: { 'text/html': {} } } },
        },
      },
      '/briefs/{id}': {
        get: {
          summary: 'HTML page of one brief with its diagnostics',
          parameters: [idParameter],
          responses: {
            '200': { description: 'HTML', content: { 'text/html': {} } },
            '404': { description: 'no such brief', content: { 'text/html': {} } },
          },
        },
      },
    },
  };
}
