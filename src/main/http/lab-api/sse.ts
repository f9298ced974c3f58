import type { IncomingMessage, ServerResponse } from 'node:http'
import { FORWARDED_EVENTS } from '../../../shared/api-types'
import type { EventBus } from '../../lab/event-bus'

const KEEPALIVE_MS = 15_000

/**
 * The event stream's memory budget, in bytes not yet taken by the client (the response's and its
 * socket's `writableLength`). A client whose next message would take it over its own budget, or
 * all clients together over theirs, is sent a final `overflow` event and closed: a background
 * tab, a stalled script or hundreds of idle clients cost the lab at most `total` bytes, never a
 * buffer without limit. A closed client that still does not read is cut after `lingerMs` so its
 * last bytes are freed too. The budget is the process's (memory is), shared by every lab server
 * in it.
 */
export const EVENT_STREAM_BUDGET = {
  /** One client: a few seconds of a busy network in the UI's batch format. */
  perClient: 8 * 1024 * 1024,
  /** All clients together. */
  total: 64 * 1024 * 1024,
  lingerMs: 10_000,
}

/** Every open event-stream response, to measure what all clients hold together. */
const open = new Set<ServerResponse>()

/** Bytes every open event-stream client has been sent but not yet taken. */
export function eventStreamBufferedBytes(): number {
  let total = 0
  for (const res of open) total += res.writableLength
  return total
}

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
  open.add(res)
  let closed = false
  const write = (chunk: string) => {
    if (closed) return
    const bytes = Buffer.byteLength(chunk)
    if (res.writableLength + bytes > EVENT_STREAM_BUDGET.perClient)
      return overflow('client', EVENT_STREAM_BUDGET.perClient)
    if (eventStreamBufferedBytes() + bytes > EVENT_STREAM_BUDGET.total)
      return overflow('all-clients', EVENT_STREAM_BUDGET.total)
    res.write(chunk)
  }
  const overflow = (budget: 'client' | 'all-clients', budgetBytes: number) => {
    const data = { budget, budgetBytes, bufferedBytes: res.writableLength }
    unsubscribe()
    res.end(`event: overflow\ndata: ${JSON.stringify(data)}\n\n`)
    setTimeout(() => res.destroy(), EVENT_STREAM_BUDGET.lingerMs).unref()
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
  const unsubscribe = () => {
    if (closed) return
    closed = true
    clearInterval(keepalive)
    offEngine()
    for (const off of offOthers) off()
  }
  const close = () => {
    unsubscribe()
    open.delete(res)
  }
  res.on('close', close)
  res.on('error', close)
}
