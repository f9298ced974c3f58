import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { SequencedEvent } from '../../../src/core/events'
import { LabError } from '../../../src/shared/errors'
import { packEvents } from '../../../src/shared/packed-events'
import type { LabBridge } from '../../../src/shared/lab-bridge'
import { requestEarly } from '../../../src/renderer/src/transport/early-requests'
import { createHttpClient } from '../../../src/renderer/src/transport/http-client'
import { createIpcClient } from '../../../src/renderer/src/transport/ipc-client'
import { startTestLab, type TestLab } from '../../support/lab'

describe('the IPC transport', () => {
  const bridge = (answer: unknown) =>
    new Proxy({} as LabBridge, {
      get: (_target, name) =>
        name === 'subscribe' ? () => () => {} : async (input: unknown) => answer ?? { input },
    })

  it("answers the envelope's value", async () => {
    const client = createIpcClient(bridge({ ok: true, value: { clock: 7 } }))
    expect(await client.getNetwork({})).toEqual({ clock: 7 })
  })

  it('throws a refusal as a LabError with its code', async () => {
    const client = createIpcClient(
      bridge({ ok: false, error: { code: 'run-is-live', message: 'run 2 is recording' } }),
    )
    const refused = client.deleteRun({ id: 2 })
    await expect(refused).rejects.toBeInstanceOf(LabError)
    await expect(refused).rejects.toMatchObject({ code: 'run-is-live' })
  })
})

describe('the HTTP transport', () => {
  let lab: TestLab
  beforeAll(async () => {
    lab = await startTestLab()
  })
  afterAll(() => lab.close())
  afterEach(() => vi.unstubAllGlobals())

  it('calls each method on its route, its parameters in the path, query or body', async () => {
    const client = createHttpClient(lab.app.labUrl)
    expect(await client.start({})).toMatchObject({ started: true })
    expect(await client.step({ clocks: 2 })).toMatchObject({ clock: 2 })
    expect(await client.getNode({ node: 'node2' })).toMatchObject({ id: 'node2', clock: 2 })
  })

  it("throws the lab API's refusal as a LabError with its code", async () => {
    const refused = createHttpClient(lab.app.labUrl).getNode({ node: 'node9' })
    await expect(refused).rejects.toBeInstanceOf(LabError)
    await expect(refused).rejects.toMatchObject({ code: 'unknown-node' })
  })

  it('answers the first GET of a URL asked for early with that answer, and later ones anew', async () => {
    const url = `${lab.app.labUrl}/api/network`
    const asked: string[] = []
    const realFetch = globalThis.fetch
    vi.stubGlobal('fetch', (input: string, init?: RequestInit) => {
      asked.push(`${init?.method ?? 'GET'} ${input}`)
      return realFetch(input, init)
    })
    requestEarly(url)
    // The network moves on after the early request: its answer is the earlier clock's.
    await createHttpClient(lab.app.labUrl).step({ clocks: 1 })
    const client = createHttpClient(lab.app.labUrl)
    const early = await client.getNetwork({})
    const later = await client.getNetwork({})
    expect(later.clock).toBe(early.clock + 1)
    expect(asked).toEqual([`GET ${url}`, `POST ${lab.app.labUrl}/api/network/step`, `GET ${url}`])
  })

  it('hears events over one EventSource, each subscription its own event name', () => {
    const sources: { url: string; listeners: Map<string, EventListener> }[] = []
    vi.stubGlobal(
      'EventSource',
      class {
        readonly listeners = new Map<string, EventListener>()
        constructor(readonly url: string) {
          sources.push(this)
        }
        addEventListener(name: string, listener: EventListener) {
          this.listeners.set(name, listener)
        }
        removeEventListener(name: string) {
          this.listeners.delete(name)
        }
      },
    )
    const client = createHttpClient('http://127.0.0.1:1')
    const heard: unknown[] = []
    const off = client.subscribe('verify-progress', (progress) => heard.push(progress))
    client.subscribe('network', () => {})
    expect(sources.map((s) => s.url)).toEqual(['http://127.0.0.1:1/api/events?format=packed'])
    const source = sources[0]!
    source.listeners.get('verify-progress')!({
      data: JSON.stringify({ runId: 1, done: 2, total: 3 }),
    } as unknown as Event)
    expect(heard).toEqual([{ runId: 1, done: 2, total: 3 }])
    off()
    expect([...source.listeners.keys()]).toEqual(['network'])
  })

  it('hands on the engine events the stream packed as the events they were', () => {
    const sources: { listeners: Map<string, EventListener> }[] = []
    vi.stubGlobal(
      'EventSource',
      class {
        readonly listeners = new Map<string, EventListener>()
        constructor() {
          sources.push(this)
        }
        addEventListener(name: string, listener: EventListener) {
          this.listeners.set(name, listener)
        }
      },
    )
    const events = [
      { kind: 'node.status', clock: 4, node: 'node1', status: 'mining', previous: 'idle', seq: 9 },
      { kind: 'mine.requested', clock: 4, node: 'node2', seq: 10 },
    ] as unknown as SequencedEvent[]
    const heard: unknown[] = []
    createHttpClient('http://127.0.0.1:1').subscribe('engine', (batch) => heard.push(batch))
    const engine = sources[0]!.listeners.get('engine')!
    engine({ data: packEvents(events).text } as unknown as Event)
    expect(heard).toEqual([events])
  })
})
