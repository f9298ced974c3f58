import { afterEach, describe, expect, it } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import { createServer } from 'node:net'
import { freePortRange } from '../../support/free-port'
import { streamMessages } from '../../support/event-stream'
import { startTestLab, type TestLab } from '../../support/lab'

/** Reads Server-Sent Events until `count` messages arrived or the time is up. */
async function readEvents(
  url: string,
  count: number,
  act: () => Promise<void>,
): Promise<{ event: string; data: unknown }[]> {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal })
  expect(response.headers.get('content-type')).toBe('text/event-stream')
  const messages: { event: string; data: unknown }[] = []
  await act()
  const deadline = Date.now() + 5_000
  for await (const { event, data } of streamMessages(response.body!)) {
    messages.push({ event, data: JSON.parse(data) })
    if (messages.length >= count || Date.now() >= deadline) break
  }
  controller.abort()
  return messages
}

describe('the lab API', () => {
  let lab: TestLab
  afterEach(() => lab.close())

  it('describes the network: nodes, ports, clock, dialect and topology', async () => {
    lab = await startTestLab()
    const info = (await lab.lab('/api/network')).body as NetworkInfo
    expect(info).toMatchObject({ clock: 0, started: false, dialect: 'readme', topology: 'mesh' })
    expect(info.nodes.map((n) => n.id)).toEqual(['node1', 'node2', 'node3'])
    for (const node of info.nodes)
      expect(lab.app.nodeUrls().get(node.id)).toBe(`http://127.0.0.1:${node.port}`)
    expect(info.links).toHaveLength(3)
  })

  it('creates a new network and rebinds the node servers', async () => {
    lab = await startTestLab()
    const created = await lab.lab('/api/network', {
      body: { nodes: 5, topology: 'ring', seed: 4, difficulty: 2, dialect: 'legacy' },
    })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ topology: 'ring', dialect: 'legacy', difficulty: 2 })
    expect([...lab.app.nodeUrls().keys()]).toEqual(['node1', 'node2', 'node3', 'node4', 'node5'])
    await lab.node('node5', 'start')
    expect((await lab.node('node5', 'status')).body).toEqual({ clock: 0, status: 1 })
  })

  it('keeps the old network, servers and all, when a port the new one needs is taken', async () => {
    const first = await freePortRange(4)
    lab = await startTestLab({}, { firstPort: first })
    await lab.node('node1', 'start')
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(first + 3, '127.0.0.1', resolve))
    try {
      const refused = await lab.lab('/api/network', { body: { nodes: 4 } })
      expect(refused.status).toBe(409)
      expect(refused.body).toEqual({
        error: { code: 'port-unavailable', message: `port ${first + 3} is in use` },
      })
      const info = (await lab.lab('/api/network')).body as NetworkInfo
      expect(info.nodes.map((n) => n.port)).toEqual([first, first + 1, first + 2])
      expect((await lab.node('node1', 'status')).body).toEqual({ clock: 0, status: 'idle' })
    } finally {
      await new Promise((resolve) => squatter.close(resolve))
    }
    expect((await lab.lab('/api/network', { body: { nodes: 4 } })).status).toBe(200)
    expect(lab.app.nodeUrls().get('node4')).toBe(`http://127.0.0.1:${first + 3}`)
    await lab.node('node4', 'start')
    expect((await lab.node('node4', 'status')).body).toEqual({ clock: 0, status: 'idle' })
    // A smaller network lets go of the ports it no longer needs.
    expect((await lab.lab('/api/network', { body: { nodes: 2 } })).status).toBe(200)
    expect([...lab.app.nodeUrls().values()]).toEqual([
      `http://127.0.0.1:${first}`,
      `http://127.0.0.1:${first + 1}`,
    ])
    const reuse = createServer()
    await new Promise<void>((resolve) => reuse.listen(first + 2, '127.0.0.1', resolve))
    await new Promise((resolve) => reuse.close(resolve))
  })

  it('steps every node together and cuts and heals links', async () => {
    lab = await startTestLab()
    await lab.lab('/api/network/start', { method: 'POST' })
    const stepped = (await lab.lab('/api/network/step', { body: { clocks: 3 } }))
      .body as NetworkInfo
    expect(stepped.nodes.map((n) => n.clock)).toEqual([3, 3, 3])
    const cut = (await lab.lab('/api/network/links/cut', { body: { a: 'node2', b: 'node1' } }))
      .body as NetworkInfo
    expect(cut.links.find((l) => l.a === 'node1' && l.b === 'node2')?.up).toBe(false)
    const healed = (await lab.lab('/api/network/links/heal', { body: { a: 'node1', b: 'node2' } }))
      .body as NetworkInfo
    expect(healed.links.every((l) => l.up)).toBe(true)
  })

  it('streams the engine events as Server-Sent Events', async () => {
    lab = await startTestLab()
    await lab.lab('/api/network/start', { method: 'POST' })
    const messages = await readEvents(`${lab.app.labUrl}/api/events`, 6, async () => {
      await lab.node('node1', 'tx/add', { body: { sender: 'so', recipient: 'aki', value: 1 } })
      await lab.lab('/api/network/step', { body: { clocks: 2 } })
    })
    expect(messages.map((m) => m.event)).toContain('node.status')
    expect(messages.map((m) => m.event)).toContain('tx.accepted')
    const first = messages.find((m) => m.event === 'tx.accepted')!.data
    expect(first).toMatchObject({ node: 'node1', clock: 1, tx: { sender: 'so', value: 1 } })
  })

  it('filters the stream by kind', async () => {
    lab = await startTestLab()
    await lab.lab('/api/network/start', { method: 'POST' })
    // Two blocks, the second's after the first crossed the network: every event the first
    // caused (its acceptances, its messages) came between the two, and none of them may pass.
    const messages = await readEvents(
      `${lab.app.labUrl}/api/events?kinds=block.mined`,
      2,
      async () => {
        await lab.node('node2', 'mine')
        await lab.lab('/api/network/step', { body: { clocks: 5 } })
        await lab.node('node3', 'mine')
        await lab.lab('/api/network/step', { body: { clocks: 5 } })
      },
    )
    expect(messages.map((m) => m.event)).toEqual(['block.mined', 'block.mined'])
  })

  it('serves an OpenAPI 3.1 document of both APIs, generated from the request schemas', async () => {
    lab = await startTestLab()
    const doc = (await lab.lab('/openapi.json')).body as {
      openapi: string
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >
    }
    expect(doc.openapi).toBe('3.1.0')
    for (const path of [
      '/status',
      '/block/{id}',
      '/clock/{clock}',
      '/tx/add',
      '/txpool/all',
      '/api/network/step',
      '/api/events',
      '/api/runs/{id}/export',
      '/api/runs/import',
      '/api/runs/{id}/export/cancel',
    ])
      expect(doc.paths).toHaveProperty([path])
    expect(
      doc.paths['/tx/add']!.post!.requestBody!.content['application/json']!.schema,
    ).toMatchObject({
      type: 'object',
      required: ['sender', 'recipient', 'value'],
    })
    expect(
      doc.paths['/api/network/step']!.post!.requestBody!.content['application/json']!.schema,
    ).toMatchObject({
      properties: { clocks: { type: 'integer', minimum: 1 } },
    })
    // A GET's query parameters, from the schema that validates them; its path's apart.
    const events = doc.paths['/api/runs/{id}/events']!.get as unknown as {
      parameters: { name: string; in: string; required: boolean; schema: { pattern?: string } }[]
    }
    expect(events.parameters.map((p) => `${p.in} ${p.name}`)).toEqual([
      'path id',
      ...['from', 'to', 'node', 'kind', 'dropped', 'limit', 'cursor'].map(
        (name) => `query ${name}`,
      ),
    ])
    expect(events.parameters.every((p) => p.required === (p.in === 'path'))).toBe(true)
    expect(events.parameters.find((p) => p.name === 'dropped')?.schema.pattern).toContain(
      'link-cut',
    )
    const parameters = (path: string, verb: string) =>
      (doc.paths[path]![verb] as unknown as { parameters: { name: string; required: boolean }[] })
        .parameters
    expect(parameters('/api/runs/{id}/state', 'get')).toContainEqual(
      expect.objectContaining({ name: 'clock', required: true }),
    )
    // A POST's input is its body, not its query.
    expect(parameters('/api/network/step', 'post')).toEqual([])
  })
})

describe('automatic mining and the workload', () => {
  let lab: TestLab
  afterEach(() => lab.close())

  it('switch on and off while the network runs, and show in the overview', async () => {
    lab = await startTestLab({}, {})
    await lab.lab('/api/network/start', { method: 'POST' })
    const on = (await lab.lab('/api/network/auto-mine', { body: { interval: 5 } }))
      .body as NetworkInfo
    expect(on.autoMine).toBe(5)
    await lab.lab('/api/network/workload', { body: { rate: 0.2 } })
    await lab.lab('/api/network/step', { body: { clocks: 200 } })
    const mid = (await lab.lab('/api/network')).body as NetworkInfo
    expect(Math.min(...mid.nodes.map((n) => n.height))).toBeGreaterThan(10)
    const off = (await lab.lab('/api/network/auto-mine', { body: { interval: null } }))
      .body as NetworkInfo
    expect(off.autoMine).toBeNull()
    await lab.lab('/api/network/workload', { body: { rate: null } })
    await lab.lab('/api/network/step', { body: { clocks: 50 } })
    const settled = (await lab.lab('/api/network')).body as NetworkInfo
    await lab.lab('/api/network/step', { body: { clocks: 100 } })
    const later = (await lab.lab('/api/network')).body as NetworkInfo
    expect(later.nodes.map((n) => n.height)).toEqual(settled.nodes.map((n) => n.height))
  })

  it('are part of a new network’s settings', async () => {
    lab = await startTestLab()
    const info = (
      await lab.lab('/api/network', {
        body: { nodes: 12, topology: 'scale-free:2', interval: 30, txRate: 0.1, latencySpread: 2 },
      })
    ).body as NetworkInfo
    expect(info).toMatchObject({ topology: 'scale-free:2', autoMine: 30, workload: 0.1 })
    expect(new Set(info.links.map((l) => l.latency)).size).toBeGreaterThan(1)
  })
})
