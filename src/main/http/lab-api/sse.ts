import type { IncomingMessage, ServerResponse } from 'node:http'
import { FORWARDED_EVENTS } from '../../../shared/api-types'
import type { EventBus } from '../../lab/event-bus'

const KEEPALIVE_MS = 15_000
/** A client this far behind (a background tab, a stalled script) is dropped, not buffered for. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024

/**
 * Streams the engine's events as Server-Sent Events. By default each engine event is one SSE
 * message whose `event:` is its kind and `id:` its sequence number, and `?kinds=a,b` filters (a
 * kind of `network` or `api-call` adds those). `?format=batch` is the UI's transport: the lab
 * events as they are published, `engine` batches included.
 */
export function streamEvents(bus: EventBus, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const batch = url.searchParams.get('format') === 'batch'
  const kinds = url.searchParams.get('kinds')?.split(',').filter(Boolean)
  const wanted = kinds && kinds.length > 0 ? new Set(kinds) : null
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  })
  res.write(': chain-lab events\n\n')
  const write = (chunk: string) => {
    if (res.writableLength > MAX_BUFFERED_BYTES) return void res.destroy()
    res.write(chunk)
  }
  const offEngine = bus.on('engine', (events) => {
    if (batch) return void write(`event: engine\ndata: ${JSON.stringify(events)}\n\n`)
    let chunk = ''
    for (const event of events) {
      if (wanted && !wanted.has(event.kind)) continue
      chunk += `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`
    }
    if (chunk) write(chunk)
  })
  // Every other forwarded event is one SSE message with its payload.
  const offOthers = FORWARDED_EVENTS.filter((name) => name !== 'engine').map((name) =>
    bus.on(name, (payload) => {
      if (batch || wanted?.has(name)) write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)
    }),
  )
  const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS)
  keepalive.unref()
  const close = () => {
    clearInterval(keepalive)
    offEngine()
    for (const off of offOthers) off()
  }
  req.on('close', close)
  res.on('error', close)
}
