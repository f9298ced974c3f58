import { connect, type Socket } from 'node:net'
import { sourcePlatform } from '../../src/main/app/platform'
import { startLab } from '../../src/main/app/lab-app'
import { eventStreamBufferedBytes } from '../../src/main/http/lab-api/sse'
import { heading, row } from './report'

const CLIENTS = 300
const CLOCKS_PER_STEP = 1_000
/** 30,000 clocks by default; issue 14's figure is `IDLE_CLOCKS=150000 npm run bench -- idle-clients`. */
const STEPS = Math.max(
  1,
  Math.round(Number(process.env['IDLE_CLOCKS'] ?? 30_000) / CLOCKS_PER_STEP),
)

/**
 * Event-stream clients that never read, while the network steps with auto-mine and a workload:
 * what they cost the lab (its buffered bytes, heap and RSS at their peak).
 */
export async function benchIdleClients(): Promise<void> {
  heading(`${CLIENTS} idle event-stream clients, ${STEPS * CLOCKS_PER_STEP} clocks with auto-mine`)
  const app = await startLab({
    platform: sourcePlatform('bench'),
    network: { difficulty: 4 },
    firstPort: 0,
    labPort: 0,
    workers: 0,
  })
  const { hostname, port } = new URL(app.labUrl)
  const post = (path: string, body: unknown) =>
    fetch(`${app.labUrl}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  const sockets: Socket[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const socket = connect(Number(port), hostname)
    await new Promise((resolve) => socket.once('connect', resolve))
    socket.write(`GET /api/events?format=batch HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`)
    socket.pause()
    sockets.push(socket)
  }
  await post('/api/network/start', {})
  await post('/api/network/auto-mine', { interval: 5 })
  await post('/api/network/workload', { rate: 0.5 })
  let buffered = 0
  let heap = 0
  let rss = 0
  for (let i = 0; i < STEPS; i++) {
    await post('/api/network/step', { clocks: CLOCKS_PER_STEP })
    buffered = Math.max(buffered, eventStreamBufferedBytes())
    const memory = process.memoryUsage()
    heap = Math.max(heap, memory.heapUsed)
    rss = Math.max(rss, memory.rss)
  }
  const started = performance.now()
  const answer = await fetch(`${app.labUrl}/api/network`)
  const answeredMs = performance.now() - started
  row('bytes buffered for event-stream clients, peak', buffered / 2 ** 20, 'MiB')
  row('heap used, peak', heap / 2 ** 20, 'MiB')
  row('RSS, peak', rss / 2 ** 20, 'MiB')
  row('GET /api/network afterwards', answeredMs, 'ms', `status ${answer.status}`)
  for (const socket of sockets) socket.destroy()
  await app.close()
}
