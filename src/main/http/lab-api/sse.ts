import type { IncomingMessage, ServerResponse } from 'node:http'
import type { LabService } from '../../lab/lab-service'

const KEEPALIVE_MS = 15_000
/** A client this far behind (a background tab, a stalled script) is dropped, not buffered for. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024

/**
 * Streams the engine's events as Server-Sent Events. By default each engine event is one SSE
 * message whose `event:` is its kind and `id:` its sequence number, and `?kinds=a,b` filters (a
 * kind of `network` or `api-call` adds those). `?format=batch` is the UI's transport: the lab
 * events as they are published, `engine` batches included.
 */
export function streamEvents(service: LabService, req: IncomingMessage, res: ServerResponse): void {
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
  const offEngine = service.bus.on('engine', (events) => {
    if (batch) return void write(`event: engine\ndata: ${JSON.stringify(events)}\n\n`)
    let chunk = ''
    for (const event of events) {
      if (wanted && !wanted.has(event.kind)) continue
      chunk += `id: ${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`
    }
    if (chunk) write(chunk)
  })
  const offNetwork = service.bus.on('network', (info) => {
    if (batch || wanted?.has('network')) write(`event: network\ndata: ${JSON.stringify(info)}\n\n`)
  })
  const offCalls = service.bus.on('api-call', (call) => {
    if (batch || wanted?.has('api-call'))
      write(`event: api-call\ndata: ${JSON.stringify(call)}\n\n`)
  })
  const offSweep = service.bus.on('sweep-progress', (progress) => {
    if (batch || wanted?.has('sweep-progress'))
      write(`event: sweep-progress\ndata: ${JSON.stringify(progress)}\n\n`)
  })
  const offVerify = service.bus.on('verify-progress', (progress) => {
    if (batch || wanted?.has('verify-progress'))
      write(`event: verify-progress\ndata: ${JSON.stringify(progress)}\n\n`)
  })
  const offExport = service.bus.on('export-progress', (progress) => {
    if (batch || wanted?.has('export-progress'))
      write(`event: export-progress\ndata: ${JSON.stringify(progress)}\n\n`)
  })
  const keepalive = setInterval(() => write(': keepalive\n\n'), KEEPALIVE_MS)
  keepalive.unref()
  const close = () => {
    clearInterval(keepalive)
    offEngine()
    offNetwork()
    offCalls()
    offSweep()
    offVerify()
    offExport()
  }
  req.on('close', close)
  res.on('error', close)
}
