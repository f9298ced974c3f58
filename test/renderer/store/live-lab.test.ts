import { describe, expect, it, vi } from 'vitest'
import type { NetworkInfo } from '../../../src/shared/api-types'
import type { LabEvents } from '../../../src/shared/lab-events'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { EVENT_LOG_LENGTH, LiveLab } from '../../../src/renderer/src/store/live-lab'
import { toNetworkTick } from '../../../src/shared/network-tick'
import { forkStory, manyAcceptances } from '../events/log-fixtures'

const network = { clock: 0, nodes: [], links: [], accounts: [] } as Partial<NetworkInfo>

/** A client whose pushed events the test sends by hand. */
function pushingClient(overview = network) {
  const listeners = new Map<string, (payload: unknown) => void>()
  const client = {
    getNetwork: vi.fn(async () => overview),
    subscribe: (name: string, listener: (payload: unknown) => void) => {
      listeners.set(name, listener)
      return () => listeners.delete(name)
    },
  } as Partial<LabClient> as LabClient
  const push = (events: LabEvents['engine']) => listeners.get('engine')!(events)
  const pushOf = <K extends keyof LabEvents>(name: K, payload: LabEvents[K]) =>
    listeners.get(name)!(payload)
  return { client, push, pushOf }
}

describe("the live lab's event log", () => {
  it('keeps the events the log shows, in order, and the latest reorganisation for the notice', async () => {
    const { client, push } = pushingClient()
    const lab = new LiveLab(client)
    lab.start()
    push(forkStory())
    await vi.waitFor(() => expect(lab.log).toHaveLength(7))
    // The drop of a block node3 already had is not in it.
    expect(lab.log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 6, 7, 8])
    expect(lab.lastReorg).toMatchObject({ kind: 'chain.reorg', node: 'node1', depth: 1 })
    lab.clearLog()
    expect(lab.log).toEqual([])
    expect(lab.lastReorg).toBeNull()
  })

  it('says when the log changed apart from the clock: a clock that adds no entry leaves it', async () => {
    const { client, push, pushOf } = pushingClient(threeNodes(0))
    const lab = new LiveLab(client)
    lab.start()
    await vi.waitFor(() => expect(lab.network?.clock).toBe(0))
    const before = lab.logVersion
    pushOf('network-tick', toNetworkTick(threeNodes(1)))
    await vi.waitFor(() => expect(lab.network?.clock).toBe(1))
    expect(lab.logVersion).toBe(before)
    push(forkStory())
    await vi.waitFor(() => expect(lab.log).toHaveLength(7))
    expect(lab.logVersion).not.toBe(before)
    const grown = lab.logVersion
    lab.clearLog()
    expect(lab.logVersion).not.toBe(grown)
  })

  it(`keeps the newest ${EVENT_LOG_LENGTH.toLocaleString()} entries of a long live run`, async () => {
    const { client, push } = pushingClient()
    const lab = new LiveLab(client)
    lab.start()
    const events = manyAcceptances(EVENT_LOG_LENGTH + 10)
    push(events)
    await vi.waitFor(() => expect(lab.log).toHaveLength(EVENT_LOG_LENGTH))
    expect(lab.log[0]!.seq).toBe(11)
    expect(lab.log.at(-1)!.seq).toBe(EVENT_LOG_LENGTH + 10)
  })
})

/** Three started nodes on a line at `clock`, all on one tip. */
function threeNodes(clock: number): NetworkInfo {
  const node = (id: string) => ({
    id,
    port: null,
    started: true,
    clock,
    status: 'idle' as const,
    height: 0,
    tip: 'g'.repeat(64),
    pool: 0,
  })
  return {
    ...(network as NetworkInfo),
    clock,
    started: true,
    accounts: ['aki'],
    autoMine: null,
    workload: null,
    nodes: [node('node1'), node('node2'), node('node3')],
    links: [
      { a: 'node1', b: 'node2', up: true, latency: 0 },
      { a: 'node2', b: 'node3', up: true, latency: 0 },
    ],
  }
}

describe("the live lab's overview", () => {
  it('applies each compact overview to the whole one it holds, and never goes back a clock', async () => {
    const { client, pushOf } = pushingClient(threeNodes(0))
    const lab = new LiveLab(client)
    lab.start()
    await vi.waitFor(() => expect(lab.network?.clock).toBe(0))
    const mined = threeNodes(5)
    const moved = {
      ...mined,
      nodes: mined.nodes.map((n) =>
        n.id === 'node2' ? { ...n, height: 1, tip: 'b'.repeat(64) } : n,
      ),
    }
    pushOf('network-tick', toNetworkTick(moved))
    await vi.waitFor(() => expect(lab.network).toEqual(moved))
    // A step's answer that comes after the tick of a later command.
    lab.acceptTick(toNetworkTick(threeNodes(4)))
    pushOf('api-call', {
      at: '',
      origin: 'lab-api',
      node: null,
      method: 'GET',
      path: '/',
      status: 200,
    })
    await vi.waitFor(() => expect(lab.apiLog).toHaveLength(1))
    expect(lab.network).toEqual(moved)
  })

  it('leaves a frame a chart redraws in to the chart, waiting one frame and never two', async () => {
    const { client, pushOf } = pushingClient(threeNodes(0))
    const lab = new LiveLab(client)
    lab.start()
    await vi.waitFor(() => expect(lab.network?.clock).toBe(0))
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
    const frameAt = (t: number) => frames.splice(0).forEach((f) => f(t))
    try {
      const chartFrames = new Set([100, 200, 216])
      lab.shareFrames((at) => chartFrames.has(at))
      pushOf('network-tick', toNetworkTick(threeNodes(1)))
      frameAt(84)
      expect(lab.network?.clock).toBe(1)
      // A chart takes the frame at 100: the clock shows in the next one.
      pushOf('network-tick', toNetworkTick(threeNodes(2)))
      frameAt(100)
      expect(lab.network?.clock).toBe(1)
      frameAt(116)
      expect(lab.network?.clock).toBe(2)
      // Charts take two frames in a row: the update waits for one only.
      pushOf('network-tick', toNetworkTick(threeNodes(3)))
      frameAt(200)
      expect(lab.network?.clock).toBe(2)
      frameAt(216)
      expect(lab.network?.clock).toBe(3)
      // Not shared any more: every frame.
      lab.shareFrames(null)
      pushOf('network-tick', toNetworkTick(threeNodes(4)))
      frameAt(100)
      expect(lab.network?.clock).toBe(4)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it("keeps the nodes' names and tips as one object each until they change", async () => {
    const { client, pushOf } = pushingClient(threeNodes(0))
    const lab = new LiveLab(client)
    lab.start()
    await vi.waitFor(() => expect(lab.network?.clock).toBe(0))
    const tips = lab.tips
    const ids = lab.nodeIds
    expect(ids).toEqual(['node1', 'node2', 'node3'])
    expect(tips).toEqual({ node1: 'g'.repeat(64), node2: 'g'.repeat(64), node3: 'g'.repeat(64) })
    pushOf('network-tick', toNetworkTick(threeNodes(1)))
    await vi.waitFor(() => expect(lab.network?.clock).toBe(1))
    expect(lab.tips).toBe(tips)
    const two = threeNodes(2)
    const mined = {
      ...two,
      nodes: two.nodes.map((n) =>
        n.id === 'node2' ? { ...n, height: 1, tip: 'b'.repeat(64) } : n,
      ),
    }
    pushOf('network-tick', toNetworkTick(mined))
    await vi.waitFor(() => expect(lab.network?.clock).toBe(2))
    expect(lab.tips).toEqual({ ...tips, node2: 'b'.repeat(64) })
    // The same nodes all along: the same array of their names.
    expect(lab.nodeIds).toBe(ids)
  })

  it('asks for the whole overview when a compact one is of a network it has not seen', async () => {
    const { client, pushOf } = pushingClient(threeNodes(0))
    const lab = new LiveLab(client)
    lab.start()
    await vi.waitFor(() => expect(lab.network?.clock).toBe(0))
    const two = threeNodes(3)
    pushOf('network-tick', toNetworkTick({ ...two, nodes: two.nodes.slice(0, 2) }))
    await vi.waitFor(() => expect(client.getNetwork).toHaveBeenCalledTimes(2))
  })

  it('charts a network opened mid-run from where its nodes are, not from zero', async () => {
    const midRun = threeNodes(350)
    const overview = {
      ...midRun,
      nodes: midRun.nodes.map((n, i) => ({ ...n, height: 8 - i, pool: i })),
    }
    const { client } = pushingClient(overview)
    const lab = new LiveLab(client)
    lab.start()
    await vi.waitFor(() => expect(lab.network?.clock).toBe(350))
    const [row] = lab.series.window(350, 350)
    expect(row?.heights).toEqual({ node1: 8, node2: 7, node3: 6 })
    expect(row?.pools).toEqual({ node1: 0, node2: 1, node3: 2 })
  })
})
