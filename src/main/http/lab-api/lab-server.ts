import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { LAB_METHODS, LAB_METHOD_NAMES } from '../../../shared/lab-contract'
import type { Caller, ServedHandlers } from '../../handlers/caller'
import type { EventBus } from '../../lab/event-bus'
import { LabError, parseInput } from '../../../shared/errors'
import { answerClientError, isLoopbackHost, readJsonBody, sendError, sendJson } from '../http-kit'
import { findRoute } from '../route-match'
import { exportRun, type RunExporter } from './run-export-route'
import { importRunBody, type RunImporter } from './run-import-route'
import { streamEvents } from './sse'

export interface LabServerOptions {
  /** Where the lab's events are published, for the event stream. */
  readonly bus: EventBus
  readonly handlers: ServedHandlers
  /** The recording, for exports and imports; null: recording off. */
  readonly recorder: (RunExporter & RunImporter) | null
  /** The OpenAPI document, built once the ports are known. */
  openApi(): object
  /** Serves the UI for paths outside /api (the headless lab); answers false when it has none. */
  serveUi?(req: IncomingMessage, res: ServerResponse): Promise<boolean>
}

const LAB_ROUTES = LAB_METHOD_NAMES.map((name) => {
  const spec: { http: readonly [string, string]; aliases?: readonly string[] } = LAB_METHODS[name]
  return {
    name,
    method: spec.http[0],
    paths: [spec.http[1], ...(spec.aliases ?? [])].map((path) => path.slice(1)),
  }
})

/** Every call over HTTP: commands recorded as the lab API's, and no dialogs to show. */
const HTTP_CALLER: Caller = { origin: 'lab-api' }

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * A change to the lab must come from the lab's own page or from a tool that sends no Origin
 * (curl, scripts). Browsers always send Origin on cross-origin writes, so refusing a foreign one
 * stops a web page from driving the lab.
 */
function checkOrigin(req: IncomingMessage): void {
  if (!STATE_CHANGING.has(req.method ?? 'GET')) return
  const origin = req.headers.origin
  const site = req.headers['sec-fetch-site']
  if (site === 'cross-site' || site === 'same-site')
    throw new LabError('cross-origin', 'the lab API refuses changes from other origins')
  if (origin === undefined) return
  if (origin !== `http://${req.headers.host}`)
    throw new LabError('cross-origin', `the lab API refuses changes from ${origin}`)
}

/** The lab API server: the contract's routes, the event stream, OpenAPI, and the UI. */
export function createLabServer(options: LabServerOptions): Server {
  const server = createServer((req, res) => {
    handle(options, req, res).catch((error: unknown) => sendError(res, error))
  })
  server.on('clientError', answerClientError)
  return server
}

async function handle(
  options: LabServerOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!isLoopbackHost(req.headers.host))
    throw new LabError('forbidden-host', 'the lab answers only to a loopback Host')
  checkOrigin(req)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = url.pathname.replace(/^\/+|\/+$/g, '')
  const method = req.method ?? 'GET'
  if (path === 'openapi.json') return sendJson(res, 200, options.openApi())
  if (path === 'api/events' && method === 'GET') return streamEvents(options.bus, req, res)
  const exported = /^api\/runs\/(\d+)\/export$/.exec(path)
  if (exported && method === 'GET')
    return exportRun(options.recorder, Number(exported[1]), url.searchParams.get('format'), res)
  if (path === 'api/runs/import' && method === 'POST') {
    const id = await importRunBody(options.recorder, req)
    return sendJson(res, 200, await options.handlers.getRun({ id }, HTTP_CALLER))
  }
  if (!path.startsWith('api/') && path !== 'api') {
    if (options.serveUi && (await options.serveUi(req, res))) return
    if (path === '') return sendJson(res, 200, { lab: 'Chain Lab', openapi: '/openapi.json' })
  }
  const found = findRoute(LAB_ROUTES, method, path)
  if ('allowed' in found) {
    if (found.allowed.length === 0) throw new LabError('not-found', `no route /${path}`)
    throw new LabError('method-not-allowed', `/${path} takes ${found.allowed.join(', ')}`, {
      Allow: found.allowed.join(', '),
    })
  }
  const { route, params } = found
  const body = method === 'GET' ? Object.fromEntries(url.searchParams) : await readJsonBody(req)
  if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
    throw new LabError('invalid-body', 'the body must be a JSON object')
  const input = parseInput(LAB_METHODS[route.name].input, { ...(body ?? {}), ...params })
  const handler = options.handlers[route.name] as (
    input: unknown,
    caller: Caller,
  ) => Promise<unknown>
  sendJson(res, 200, await handler(input, HTTP_CALLER))
}
