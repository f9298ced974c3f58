import * as z from 'zod'
import { EXPORT_FORMATS, LINE_COUNT_HEADER } from '../../shared/export-formats'
import { LAB_METHODS, LAB_METHOD_NAMES } from '../../shared/lab-contract'
import { LAB_LIMITS } from '../../shared/limits'
import { MAX_IMPORT_BYTES } from './lab-api/run-import-route'
import { NODE_ROUTES } from './node-api/node-routes'

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' } },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
}

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: errorSchema } },
})

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input' }) as Record<
    string,
    unknown
  >
  return rest
}

/** Each property of a GET's input schema not in its path, as a query parameter. */
function queryParameters(input: z.ZodType, path: string) {
  const inPath = new Set(pathParameters(path).map((parameter) => parameter.name))
  const { properties = {}, required = [] } = jsonSchema(input) as {
    properties?: Record<string, unknown>
    required?: readonly string[]
  }
  return Object.entries(properties)
    .filter(([name]) => !inPath.has(name))
    .map(([name, schema]) => ({ name, in: 'query', required: required.includes(name), schema }))
}

function pathParameters(path: string) {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }))
}

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}')

/**
 * The OpenAPI 3.1 document of both APIs, generated from the schemas that validate requests, so
 * the document cannot drift from what the servers accept.
 */
export function createOpenApiDocument(labUrl: string, firstNodeUrl: string): object {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const name of LAB_METHOD_NAMES) {
    const { http, input, summary } = LAB_METHODS[name]
    const [verb, path] = http
    const operation: Record<string, unknown> = {
      operationId: name,
      summary,
      tags: ['lab'],
      // A GET's input beyond its path comes in the query (lab-server.ts reads it from there).
      parameters: [
        ...pathParameters(path),
        ...(verb === 'GET' ? queryParameters(input, path) : []),
      ],
      responses: {
        200: { description: 'OK', content: { 'application/json': {} } },
        400: errorResponse('Malformed input'),
        403: errorResponse('Not a loopback Host, or a cross-origin change'),
        404: errorResponse('Unknown node, link or route'),
        409: errorResponse('Not started, or a clock in the past'),
      },
    }
    if (verb === 'POST')
      operation.requestBody = {
        required: false,
        content: { 'application/json': { schema: jsonSchema(input) } },
      }
    paths[toOpenApiPath(path)] = { ...paths[toOpenApiPath(path)], [verb.toLowerCase()]: operation }
    const spec: { aliases?: readonly string[] } = LAB_METHODS[name]
    for (const alias of spec.aliases ?? [])
      paths[toOpenApiPath(alias)] = {
        [verb.toLowerCase()]: {
          ...operation,
          operationId: `${name}:${alias}`,
          summary: `Alias of ${path}`,
          parameters: pathParameters(alias),
        },
      }
  }
  paths['/api/events'] = {
    get: {
      operationId: 'events',
      summary: 'Server-Sent Events of the engine event stream (?kinds= filters by kind)',
      tags: ['lab'],
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': {} } } },
    },
  }
  // The two routes that carry files stream them, so they live outside the JSON contract.
  paths['/api/runs/{id}/export'] = {
    get: {
      operationId: 'exportRun',
      summary: 'A run streamed as JSON lines or CSV of its events, or as a .chain-lab-run file',
      tags: ['lab'],
      parameters: [
        ...pathParameters('/api/runs/:id'),
        {
          name: 'format',
          in: 'query',
          required: false,
          schema: { type: 'string', enum: Object.keys(EXPORT_FORMATS), default: 'jsonl' },
        },
      ],
      responses: {
        200: {
          description: 'The export, streamed',
          headers: {
            [LINE_COUNT_HEADER]: {
              description: 'The lines to expect (a live run may add more meanwhile)',
              schema: { type: 'integer' },
            },
          },
          content: Object.fromEntries(
            Object.values(EXPORT_FORMATS).map(({ type }) => [type.split(';')[0], {}]),
          ),
        },
        400: errorResponse('Unknown format'),
        404: errorResponse('Unknown run'),
      },
    },
  }
  paths['/api/runs/import'] = {
    post: {
      operationId: 'importRun',
      summary: 'Import a .chain-lab-run file sent as the body; a damaged file is refused whole',
      tags: ['lab'],
      requestBody: { required: true, content: { 'application/x-chain-lab-run': {} } },
      responses: {
        200: { description: 'The imported run', content: { 'application/json': {} } },
        400: errorResponse('A damaged, truncated or foreign file'),
        413: errorResponse(`A body over ${MAX_IMPORT_BYTES / 1024 ** 3} GiB`),
      },
    },
  }
  for (const route of NODE_ROUTES) {
    for (const [i, path] of route.paths.entries()) {
      const operation: Record<string, unknown> = {
        operationId: `node:${path}`,
        summary: i === 0 ? route.summary : `Alias of /${route.paths[0]}`,
        tags: ['node'],
        servers: [
          { url: firstNodeUrl, description: 'node1; node N listens on the first port + N - 1' },
        ],
        parameters: pathParameters(path),
        responses: {
          200: { description: 'OK (mine and clock/N answer no body)' },
          400: errorResponse('Malformed input'),
          404: errorResponse('No such block or route'),
          405: errorResponse('Wrong method'),
          409: errorResponse('Not started, or a clock in the past'),
          413: errorResponse('Body over 64 KiB'),
          422: { description: '{"result": "fail", "reason": "…"}' },
        },
      }
      if (route.body)
        operation.requestBody = {
          required: !route.bodyOptional,
          content: { 'application/json': { schema: jsonSchema(route.body) } },
        }
      paths[`/${toOpenApiPath(path)}`] = { [route.method.toLowerCase()]: operation }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Chain Lab',
      version: '0.1.0',
      description:
        'The documented node API (one port per node) and the lab API of a simulated blockchain network.',
    },
    servers: [{ url: labUrl, description: 'The lab API' }],
    // Every request is held to these before any work starts (src/shared/limits.ts); a value over
    // one answers 400 naming it as x-limits.NAME.
    'x-limits': LAB_LIMITS,
    paths,
  }
}
