import type { IncomingMessage, ServerResponse } from 'node:http'
import { FORWARDED_EVENTS } from '../../../shared/lab-events'
import type { SequencedEvent } from '../../../core/events'
import type { EventBus } from '../../lab/event-bus'
import { packEvents } from '../../../shared/packed-events'

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
  /** One client: a few seconds of a busy network in the UI's packed format. */
  perClient: 8 * 1024 * 1024,
  /** All clients together. */
  total: 64 * 1024 * 1024,
  lingerMs: 10_000,
  /**
   * The UI's streams (`format=batch`, `format=packed`) send an engine batch in pieces as the
   * client reads, so one huge step's batch (over `perClient`) reaches it whole: the batch being
   * sent is kept as the engine made it, which holds it in memory anyway. What waits behind it
   * (later batches and messages) may come to this many times `perClient`, estimated, before the
   * client is overflowed.
   */
  backlogFactor: 1,
}

/**
 * Bytes of one engine event as JSON (batch) and packed, to estimate a backlog by before any is
 * written (about 200 and 40 at 2,000 nodes, 190 and 30 at 10,000).
 */
const EVENT_BYTES_GUESS = { batch: 200, packed: 40 }

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
 * kind of `network` or `api-call` adds those). `?format=batch` sends the lab events as they are
 * published, `engine` batches as JSON lists of events; `?format=packed`, the UI's transport, the
 * same with each engine batch packed (shared/packed-events.ts: a fifth of the bytes).
 */
export function streamEvents(bus: EventBus, req: IncomingMessage, res: ServerResponse): void {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const format = url.searchParams.get('format')
  const packed = format === 'packed'
  const batch = format === 'batch' || packed
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
  const overflow = (budget: 'client' | 'all-clients', budgetBytes: number, backlogBytes = 0) => {
    const data = { budget, budgetBytes, bufferedBytes: res.writableLength, backlogBytes }
    unsubscribe()
    res.end(`event: overflow\ndata: ${JSON.stringify(data)}\n\n`)
    setTimeout(() => res.destroy(), EVENT_STREAM_BUDGET.lingerMs).unref()
  }
  const backlog = batch
    ? createBacklog(
        res,
        write,
        (backlogBytes) => overflow('client', EVENT_STREAM_BUDGET.perClient, backlogBytes),
        packed,
      )
    : null
  const offEngine = bus.on('engine', (events) => {
    if (backlog) return backlog.push(events)
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
      const message = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`
      if (backlog) backlog.push(message)
      else if (wanted?.has(name)) write(message)
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
  res.on('drain', () => backlog?.pump())
}

/**
 * The UI stream's queue: messages and engine batches in order, written as the client reads, an
 * engine batch in pieces of whole events. `write` applies the budgets to what is written;
 * `overflow` is told when what waits would pass the backlog's own limit.
 */
export function createBacklog(
  res: Pick<ServerResponse, 'writableLength' | 'writableEnded'>,
  write: (chunk: string) => void,
  overflow: (backlogBytes: number) => void,
  packed: boolean,
) {
  const items: (string | { events: readonly SequencedEvent[]; from: number })[] = []
  let messageBytes = 0
  let events = 0
  let bytesPerEvent = EVENT_BYTES_GUESS[packed ? 'packed' : 'batch']
  /** What waits behind the batch being sent (the head), estimated. */
  const waiting = () => {
    const head = items[0]
    const headEvents = head && typeof head !== 'string' ? head.events.length - head.from : 0
    return messageBytes + (events - headEvents) * bytesPerEvent
  }
  const limits = () => {
    const { perClient, backlogFactor } = EVENT_STREAM_BUDGET
    // Well under the client's budget: written pieces never overflow a client that reads.
    return { highWater: perClient / 2, piece: perClient / 8, backlog: perClient * backlogFactor }
  }

  /** The next piece of the engine batch at the head, `bytes` long or a little more. */
  const piece = (head: { events: readonly SequencedEvent[]; from: number }, bytes: number) => {
    const { text, to } = packed ? packEvents(head.events, head.from, bytes) : listed(head, bytes)
    bytesPerEvent = Math.max(1, Math.round((bytesPerEvent + text.length / (to - head.from)) / 2))
    events -= to - head.from
    head.from = to
    return `event: engine\ndata: ${text}\n\n`
  }

  const pump = () => {
    const { highWater, piece: pieceBytes } = limits()
    while (items.length > 0 && !res.writableEnded && res.writableLength < highWater) {
      const head = items[0]!
      if (typeof head === 'string') {
        items.shift()
        messageBytes -= head.length
        write(head)
        continue
      }
      const chunk = piece(head, pieceBytes)
      if (head.from >= head.events.length) items.shift()
      write(chunk)
    }
  }

  const push = (item: string | readonly SequencedEvent[]) => {
    const bytes = typeof item === 'string' ? item.length : item.length * bytesPerEvent
    if (items.length > 0 && waiting() + bytes > limits().backlog) return overflow(waiting() + bytes)
    if (typeof item === 'string') {
      items.push(item)
      messageBytes += item.length
    } else if (item.length > 0) {
      items.push({ events: item, from: 0 })
      events += item.length
    }
    pump()
  }
  return { push, pump }
}

/** The batch's events from `from` on as a JSON list, until it is `bytes` long or a little more. */
function listed(
  head: { events: readonly SequencedEvent[]; from: number },
  bytes: number,
): { text: string; to: number } {
  const parts: string[] = []
  let size = 0
  let i = head.from
  while (i < head.events.length && size < bytes) {
    const part = JSON.stringify(head.events[i])
    parts.push(part)
    size += part.length + 1
    i++
  }
  return { text: `[${parts.join(',')}]`, to: i }
}
