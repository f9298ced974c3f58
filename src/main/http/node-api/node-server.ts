import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { EngineError } from '../../../core/errors'
import type { ApiCall, Dialect } from '../../../shared/api-types'
import type { LabService } from '../../lab/lab-service'
import { LabError } from '../../../shared/errors'
import { answerClientError, isLoopbackHost, readJsonBody, sendEmpty, sendError } from '../http-kit'
import { findRoute } from '../route-match'
import type { Reply, WireFormat } from './dialect'
import { NODE_ROUTES } from './node-routes'
import type { PostedKeyOrder } from './posted-key-order'

/**
 * The original servers were called from a browser front-end on another origin, so the node API
 * answers cross-origin requests as they did. The lab API does not.
 */
const CORS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type',
}

export interface NodeServerOptions {
  readonly service: LabService
  /** The node this port serves now: a new network may put another (or none) behind it. */
  node(): string | null
  nodeAtPort(port: number): string | null
  portOf(node: string): number | null
  /** The wire formats, shared by every node server of the lab (they share posted key orders). */
  readonly formats: Readonly<Record<Dialect, WireFormat>>
  readonly postedKeys: PostedKeyOrder
  onCall?(call: ApiCall): void
}

/** One node's HTTP server speaking the documented node API. */
export function createNodeServer(options: NodeServerOptions): Server {
  const server = createServer((req, res) => {
    void handle(options, req, res).then(
      () => report(options, req, res),
      (error: unknown) => {
        sendError(res, error, CORS)
        report(options, req, res)
      },
    )
  })
  server.on('clientError', answerClientError)
  return server
}

async function handle(
  options: NodeServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLoopbackHost(req.headers.host))
    throw new LabError('forbidden-host', 'this server answers only to a loopback Host')
  const method = req.method ?? 'GET'
  if (method === 'OPTIONS') {
    res.writeHead(204, CORS)
    res.end()
    return
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname.replace(/^\/+|\/+$/g, '')
  const found = findRoute(NODE_ROUTES, method, path)
  if ('allowed' in found) {
    if (found.allowed.length === 0) throw new LabError('not-found', `no route /${path}`)
    throw new LabError('method-not-allowed', `/${path} takes ${found.allowed.join(', ')}`, {
      Allow: [...found.allowed, 'OPTIONS'].join(', '),
    })
  }
  const { service } = options
  const node = options.node()
  if (node === null) throw new LabError('not-found', 'no node listens on this port any more')
  const { route, params } = found
  if (!route.beforeStart) {
    const brief = await service.query({ type: 'brief', node })
    if (!brief.started)
      throw new EngineError('not-started', `${node} is not started: call GET /start first`)
  }
  const format = options.formats[service.currentDialect]
  const reply = await route.handle({
    service,
    node,
    format,
    params,
    readBody: () => readJsonBody(req),
    nodeAtPort: options.nodeAtPort,
    portOf: options.portOf,
    postedKeys: options.postedKeys,
  })
  send(res, reply, format)
}

function send(res: ServerResponse, reply: Reply, format: WireFormat): void {
  if ('empty' in reply) return sendEmpty(res, CORS)
  const [status, type, text] =
    'text' in reply
      ? [200, 'text/plain; charset=utf-8', reply.text]
      : [reply.status, 'application/json', format.encode(reply.body)]
  res.writeHead(status, {
    ...CORS,
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(text),
  })
  res.end(text)
}

function report(options: NodeServerOptions, req: IncomingMessage, res: ServerResponse): void {
  options.onCall?.({
    at: new Date().toISOString(),
    origin: 'node-api',
    node: options.node(),
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    status: res.statusCode,
  })
}
