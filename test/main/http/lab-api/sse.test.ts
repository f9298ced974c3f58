import { connect, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import {
  EVENT_STREAM_BUDGET,
  eventStreamBufferedBytes,
} from '../../../../src/main/http/lab-api/sse'
import { unpackEvents, type PackedEvents } from '../../../../src/shared/packed-events'
import { streamMessages } from '../../../support/event-stream'
import { startTestLab, type TestLab } from '../../../support/lab'

/** An event-stream client that sends its request and then never reads. */
async function idleClient(labUrl: string, path = '/api/events?format=batch'): Promise<Socket> {
  const { hostname, port } = new URL(labUrl)
  const socket = connect(Number(port), hostname)
  await new Promise((resolve) => socket.once('connect', resolve))
  socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`)
  socket.pause()
  return socket
}

/** Resumes a paused client and reads until the lab closes it; the last SSE message's event. */
async function lastEvent(socket: Socket): Promise<{ event: string; data: unknown }> {
  const chunks: Buffer[] = []
  socket.on('data', (chunk: Buffer) => chunks.push(chunk))
  socket.resume()
  await new Promise((resolve) => socket.once('end', resolve))
  const text = Buffer.concat(chunks).toString('utf8')
  const last = [...text.matchAll(/^event: (.*)\ndata: (.*)$/gm)].at(-1)!
  return { event: last[1]!, data: JSON.parse(last[2]!) as unknown }
}

describe('the event stream holds bounded memory whatever its clients do', () => {
  let lab: TestLab
  const saved = { ...EVENT_STREAM_BUDGET }
  const sockets: Socket[] = []
  afterEach(async () => {
    Object.assign(EVENT_STREAM_BUDGET, saved)
    for (const socket of sockets.splice(0)) socket.destroy()
    await lab.close()
  })

  /** Steps 5,000 clocks (about 5 MB of events) with auto-mine and a workload; the peak of bytes
   * buffered for event-stream clients on the way. */
  async function stepAutoMining(): Promise<number> {
    await lab.lab('/api/network/start', { method: 'POST' })
    await lab.lab('/api/network/auto-mine', { body: { interval: 2 } })
    await lab.lab('/api/network/workload', { body: { rate: 2 } })
    let peak = 0
    for (let i = 0; i < 100; i++) {
      await lab.lab('/api/network/step', { body: { clocks: 50 } })
      peak = Math.max(peak, eventStreamBufferedBytes())
    }
    return peak
  }

  it('sends a client that never reads a final overflow event and closes it at its budget', async () => {
    EVENT_STREAM_BUDGET.perClient = 256 * 1024
    EVENT_STREAM_BUDGET.lingerMs = 120_000
    lab = await startTestLab()
    const idle = await idleClient(lab.app.labUrl)
    sockets.push(idle)
    const peak = await stepAutoMining()
    expect(peak).toBeGreaterThan(0)
    // One message's worth over at most: the check is made before each write.
    expect(peak).toBeLessThanOrEqual(EVENT_STREAM_BUDGET.perClient)
    const last = await lastEvent(idle)
    expect(last).toMatchObject({
      event: 'overflow',
      data: { budget: 'client', budgetBytes: 256 * 1024 },
    })
    // The lab keeps answering, and a new client is served.
    expect((await lab.lab('/api/network')).status).toBe(200)
  }, 120_000)

  it('holds all clients together to the all-clients budget', async () => {
    EVENT_STREAM_BUDGET.perClient = 512 * 1024
    EVENT_STREAM_BUDGET.total = 1024 * 1024
    // The clients read only after the steps, which take longer than the linger on a loaded
    // machine: cut then, they would lose their final overflow event.
    EVENT_STREAM_BUDGET.lingerMs = 120_000
    lab = await startTestLab()
    for (let i = 0; i < 6; i++) sockets.push(await idleClient(lab.app.labUrl))
    const peak = await stepAutoMining()
    expect(peak).toBeLessThanOrEqual(EVENT_STREAM_BUDGET.total)
    const reasons = await Promise.all(sockets.map(async (s) => (await lastEvent(s)).data))
    expect(reasons).toContainEqual(expect.objectContaining({ budget: 'all-clients' }))
  }, 120_000)

  it.each(['batch', 'packed'])(
    'sends a %s stream one huge step whole, in pieces as it reads, losing no event',
    async (format) => {
      EVENT_STREAM_BUDGET.perClient = 256 * 1024
      lab = await startTestLab()
      const response = await fetch(`${lab.app.labUrl}/api/events?format=${format}`)
      const seqs: number[] = []
      let bytes = 0
      let finalClock = -1
      let sawFinalClock = false
      const reading = (async () => {
        for await (const { event, data } of streamMessages(response.body!)) {
          if (event === 'overflow') throw new Error(`overflowed: ${data}`)
          if (event === 'engine') {
            bytes += data.length
            const parsed = JSON.parse(data) as { seq: number }[] | PackedEvents
            const events = format === 'packed' ? unpackEvents(parsed as PackedEvents) : parsed
            for (const e of events as { seq: number }[]) seqs.push(e.seq)
          }
          // After a command the stream pushes the compact overview (network-tick), its clock too.
          const overview = event === 'network' || event === 'network-tick'
          if (overview && (JSON.parse(data) as { clock: number }).clock === finalClock)
            return void (sawFinalClock = true)
        }
      })()
      await lab.lab('/api/network/start', { method: 'POST' })
      await lab.lab('/api/network/auto-mine', { body: { interval: 2 } })
      await lab.lab('/api/network/workload', { body: { rate: 2 } })
      const before = seqs.length
      // One step: one engine batch of megabytes, far over the client’s budget.
      finalClock = 2_500
      await lab.lab('/api/network/step', { body: { clocks: 2_500 } })
      await reading
      await response.body!.cancel()
      expect(sawFinalClock).toBe(true)
      expect(bytes).toBeGreaterThan(4 * EVENT_STREAM_BUDGET.perClient)
      expect(seqs.length - before).toBeGreaterThan(1_000)
      // Every event once, in order.
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i))
    },
    120_000,
  )
})
