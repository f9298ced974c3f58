// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { LabError } from '../../../src/shared/errors'
import type { EventPage, RunState } from '../../../src/shared/run-types'
import type { SequencedEvent } from '../../../src/shared/api-types'
import { useReplayState, withPeersOf } from '../../../src/renderer/src/runs/use-replay-state'
import { createNodeSnapshot } from '../../support/network-fixtures'

type Asked = { id: number; clock: number; chainsOf?: string; scrub?: string; links?: string }
type AskedEvents = { id: number; from: number; to: number; kind: string }

/** A message sent at `clock`: one link drawn busy. */
const sent = (clock: number): SequencedEvent => ({
  seq: clock,
  clock,
  node: 'node1',
  kind: 'message.sent',
  id: clock,
  type: 'NEW_BLOCK',
  to: 'node2',
  subject: 'ab',
  ready: clock,
})

/**
 * A client whose state answers come when the test says, each to the request it names; a clock's
 * messages at once (one sent at that clock), unless `slowMessages`, when the test says too.
 */
function slowClient({ slowMessages = false } = {}) {
  const waiting: { asked: Asked; answer: (s: RunState) => void; fail: (e: unknown) => void }[] = []
  const getRunState = vi.fn(
    (asked: Asked) =>
      new Promise<RunState>((answer, fail) => waiting.push({ asked, answer, fail })),
  )
  const messagesWaiting: { clock: number; answer: () => void; fail: () => void }[] = []
  const getRunEvents = vi.fn((asked: AskedEvents) => {
    const page: EventPage = { events: [sent(asked.from)], next: null }
    if (!slowMessages) return Promise.resolve(page)
    return new Promise<EventPage>((answer, fail) =>
      messagesWaiting.push({
        clock: asked.from,
        answer: () => answer(page),
        fail: () => fail(new Error('the log is unreadable')),
      }),
    )
  })
  const client = { getRunState, getRunEvents } as unknown as LabClient
  // The run's two nodes and their one link, up until the test cuts it: as the main side answers,
  // without the peers for a request naming the links it has.
  const network = { up: true }
  const answer = (clock: number) => {
    // The latest request for the clock (another node may be named at the same clock).
    const request = waiting.findLast((w) => w.asked.clock === clock)!
    const links = (network.up ? 'a' : 'c').repeat(40)
    const samePeers = request.asked.links === links
    const node = (id: string, peer: string) => ({
      ...createNodeSnapshot(id, { clock }),
      peers: samePeers ? [] : [{ id: peer, up: network.up, latency: 1 }],
      chain: [],
      tree: [],
    })
    request.answer({
      runId: request.asked.id,
      clock,
      links,
      ...(samePeers ? { samePeers: true as const } : {}),
      nodes: [node('node1', 'node2'), node('node2', 'node1')],
    })
  }
  const answerMessages = (clock: number) => messagesWaiting.find((w) => w.clock === clock)!.answer()
  const failMessages = (clock: number) => messagesWaiting.find((w) => w.clock === clock)!.fail()
  return {
    client,
    getRunState,
    getRunEvents,
    waiting,
    network,
    answer,
    answerMessages,
    failMessages,
  }
}

describe('the replay state at the scrubbed clock', () => {
  afterEach(cleanup)

  it('shows the latest clock asked for, dropping an answer that comes after it', async () => {
    const { client, answer } = slowClient()
    const { result, rerender } = renderHook(
      ({ clock }) => useReplayState(client, 4, clock, 'node7'),
      { initialProps: { clock: 1 } },
    )
    rerender({ clock: 2 })
    rerender({ clock: 3 })
    await act(async () => answer(3))
    expect(result.current.state?.clock).toBe(3)
    // Clocks 1 and 2 were asked before 3: their answers are stale when they come.
    await act(async () => answer(1))
    await act(async () => answer(2))
    expect(result.current.state?.clock).toBe(3)
  })

  it('names one scrub in every request, with the chains of the node it shows only', async () => {
    const { client, getRunState } = slowClient()
    const { rerender } = renderHook(({ clock }) => useReplayState(client, 4, clock, 'node7'), {
      initialProps: { clock: 5 },
    })
    rerender({ clock: 6 })
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(2))
    const [first, second] = getRunState.mock.calls.map(([asked]) => asked)
    expect(first).toMatchObject({ id: 4, clock: 5, chainsOf: 'node7' })
    expect(second).toMatchObject({ id: 4, clock: 6, chainsOf: 'node7' })
    expect(first!.scrub).toMatch(/^[A-Za-z0-9_-]{1,64}$/)
    expect(second!.scrub).toBe(first!.scrub)
    // Another view scrubs on its own.
    const other = renderHook(() => useReplayState(client, 4, 5, null))
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(3))
    expect(getRunState.mock.calls[2]![0].scrub).not.toBe(first!.scrub)
    expect(getRunState.mock.calls[2]![0]).not.toHaveProperty('chainsOf')
    other.unmount()
  })

  it("names the links of the state on show, gives an answer without peers those it holds, and keeps the graph's links the same array until they change", async () => {
    const { client, getRunState, network, answer } = slowClient()
    const { result, rerender } = renderHook(
      ({ clock, run }) => useReplayState(client, run, clock, 'node1'),
      { initialProps: { clock: 1, run: 4 } },
    )
    await act(async () => answer(1))
    const shown = result.current
    expect(getRunState.mock.calls[0]![0]).not.toHaveProperty('links')
    expect(shown.links).toEqual([{ a: 'node1', b: 'node2', up: true, latency: 1 }])
    rerender({ clock: 2, run: 4 })
    await act(async () => answer(2))
    expect(getRunState.mock.calls[1]![0]).toMatchObject({ clock: 2, links: 'a'.repeat(40) })
    expect(result.current.state?.clock).toBe(2)
    expect(result.current.state).not.toHaveProperty('samePeers')
    expect(result.current.state?.nodes.map((n) => n.peers)).toEqual(
      shown.state?.nodes.map((n) => n.peers),
    )
    expect(result.current.links).toBe(shown.links)
    // The link is cut at clock 3: that answer has the peers, and the graph gets new links.
    network.up = false
    rerender({ clock: 3, run: 4 })
    await act(async () => answer(3))
    expect(result.current.state?.nodes[0]!.peers).toEqual([{ id: 'node2', up: false, latency: 1 }])
    expect(result.current.links).toEqual([{ a: 'node1', b: 'node2', up: false, latency: 1 }])
    // Another run's state is asked without links: the state held is not of that run.
    rerender({ clock: 3, run: 5 })
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(4))
    expect(getRunState.mock.calls[3]![0]).toMatchObject({ id: 5 })
    expect(getRunState.mock.calls[3]![0]).not.toHaveProperty('links')
  })

  it('refuses an answer without peers that does not match the state held', () => {
    const at = (links: string, peers = [{ id: 'node2', up: true, latency: 1 }]) => ({
      runId: 4,
      clock: 1,
      links,
      nodes: [{ ...createNodeSnapshot('node1'), peers, chain: [], tree: [] }],
    })
    const lean = { ...at('a'.repeat(40), []), samePeers: true as const }
    expect(withPeersOf(lean, at('a'.repeat(40))).nodes[0]!.peers).toHaveLength(1)
    expect(() => withPeersOf(lean, at('b'.repeat(40)))).toThrow(/without the peers/)
    expect(() => withPeersOf(lean, null)).toThrow(/without the peers/)
    // A whole answer stands on its own.
    const whole = at('b'.repeat(40))
    expect(withPeersOf(whole, null)).toBe(whole)
  })

  it('asks once when an answer with every chain came first: it serves the node then named, at its clock', async () => {
    const { client, getRunState, answer } = slowClient()
    const { result, rerender } = renderHook(
      ({ clock, node }) => useReplayState(client, 4, clock, node),
      { initialProps: { clock: 0, node: null as string | null } },
    )
    await act(async () => answer(0))
    rerender({ clock: 0, node: 'node1' })
    expect(result.current.state?.clock).toBe(0)
    expect(getRunState).toHaveBeenCalledTimes(1)
    // The next clock asks for the node's chain alone, and then another node is asked for.
    rerender({ clock: 1, node: 'node1' })
    await act(async () => answer(1))
    rerender({ clock: 1, node: 'node2' })
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(3))
    expect(getRunState.mock.calls.map(([asked]) => asked.chainsOf)).toEqual([
      undefined,
      'node1',
      'node2',
    ])
  })

  it("shows a clock's state and the messages sent in it together, never one clock's with another's", async () => {
    const { client, getRunEvents, answer, answerMessages } = slowClient({ slowMessages: true })
    const { result, rerender } = renderHook(
      ({ clock }) => useReplayState(client, 4, clock, 'node7'),
      { initialProps: { clock: 1 } },
    )
    await act(async () => answerMessages(1))
    await act(async () => answer(1))
    expect(result.current.state?.clock).toBe(1)
    expect(result.current.messages.map((m) => m.clock)).toEqual([1])
    expect(getRunEvents).toHaveBeenCalledWith(
      expect.objectContaining({ id: 4, from: 1, to: 1, kind: 'message.sent' }),
    )
    // The next clock's state alone is not shown: its messages are still on their way (each
    // would repaint the graph on its own).
    rerender({ clock: 2 })
    await act(async () => answer(2))
    expect(result.current.state?.clock).toBe(1)
    expect(result.current.messages.map((m) => m.clock)).toEqual([1])
    await act(async () => answerMessages(2))
    expect(result.current.state?.clock).toBe(2)
    expect(result.current.messages.map((m) => m.clock)).toEqual([2])
  })

  it('keeps the messages of the clock shown when another node is named at it, and shows none when they cannot be read', async () => {
    const { client, getRunState, getRunEvents, answer, answerMessages, failMessages } = slowClient({
      slowMessages: true,
    })
    const { result, rerender } = renderHook(
      ({ clock, node }) => useReplayState(client, 4, clock, node),
      { initialProps: { clock: 3, node: 'node1' } },
    )
    await act(async () => answerMessages(3))
    await act(async () => answer(3))
    rerender({ clock: 3, node: 'node2' })
    await waitFor(() => expect(getRunState).toHaveBeenCalledTimes(2))
    await act(async () => answer(3))
    expect(getRunState.mock.calls[1]![0]).toMatchObject({ clock: 3, chainsOf: 'node2' })
    expect(result.current.messages.map((m) => m.clock)).toEqual([3])
    expect(getRunEvents).toHaveBeenCalledTimes(1)
    // A clock whose messages fail to load is still shown, without them.
    rerender({ clock: 4, node: 'node2' })
    await act(async () => answer(4))
    await act(async () => failMessages(4))
    expect(result.current.state?.clock).toBe(4)
    expect(result.current.messages).toEqual([])
    expect(result.current.error).toBeNull()
  })

  it('says nothing of a request the main side stopped for a later one, but shows a real error', async () => {
    const { client, waiting } = slowClient()
    const { result, rerender } = renderHook(({ clock }) => useReplayState(client, 4, clock, null), {
      initialProps: { clock: 1 },
    })
    await act(async () => waiting[0]!.fail(new LabError('cancelled', 'replaced')))
    expect(result.current.error).toBeNull()
    rerender({ clock: 2 })
    await act(async () => waiting[1]!.fail(new LabError('unknown-run', 'no run 4')))
    expect(result.current.error).toContain('no run 4')
  })
})
