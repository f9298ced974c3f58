import { afterEach, describe, expect, it, vi } from 'vitest'
import type { LabClient } from '../../../src/shared/lab-bridge'
import { EarlyNodeAnswer, followedKeys } from '../../../src/renderer/src/live/early-node-answer'
import { createNodeSnapshot, createNodeSummary } from '../../support/network-fixtures'

function countingClient() {
  const getNode = vi.fn(async ({ node }: { node: string }) => createNodeSnapshot(node))
  const getBlockTree = vi.fn(async () => [])
  return { client: { getNode, getBlockTree } as unknown as LabClient, getNode, getBlockTree }
}

const links = [
  { a: 'node1', b: 'node2', up: true, latency: 0 },
  { a: 'node2', b: 'node3', up: true, latency: 0 },
]

describe("the followed node's keys", () => {
  it('change with what its answer shows: its clock, chain, pool and its own links', () => {
    const summary = createNodeSummary('node1')
    const { state, chain } = followedKeys(summary, links)
    expect(followedKeys(createNodeSummary('node1', { clock: 9 }), links).state).not.toBe(state)
    expect(followedKeys(createNodeSummary('node1', { pool: 2 }), links).state).not.toBe(state)
    const cut = [{ ...links[0]!, up: false }, links[1]!]
    expect(followedKeys(summary, cut).state).not.toBe(state)
    expect(followedKeys(summary, cut).chain).toBe(chain)
    // A link between two other nodes is not this node's business.
    expect(followedKeys(summary, [links[0]!, { ...links[1]!, up: false }]).state).toBe(state)
    const moved = followedKeys(createNodeSummary('node1', { height: 3 }), links)
    expect(moved.chain).not.toBe(chain)
  })

  it('are empty before the node is in the overview', () => {
    expect(followedKeys(undefined, links)).toEqual({ state: '', chain: '' })
  })
})

describe("a node's answers asked when the pointer presses on it", () => {
  afterEach(() => vi.useRealTimers())

  it('are taken once by the click that follows, at the same state', async () => {
    const { client, getNode, getBlockTree } = countingClient()
    const early = new EarlyNodeAnswer(client)
    early.ask('node2', 'state-a')
    expect(getNode).toHaveBeenCalledTimes(1)
    expect(getBlockTree).toHaveBeenCalledTimes(1)
    const taken = early.take('node2', 'state-a')
    expect((await taken?.snapshot)?.id).toBe('node2')
    expect(early.take('node2', 'state-a')).toBeNull()
  })

  it('are not taken once the node changed, for another node, or long after the press', () => {
    vi.useFakeTimers()
    const { client } = countingClient()
    const early = new EarlyNodeAnswer(client)
    early.ask('node2', 'state-a')
    expect(early.take('node2', 'state-b')).toBeNull()
    early.ask('node2', 'state-a')
    expect(early.take('node3', 'state-a')).toBeNull()
    // Another node's look does not spend the press: the click on node2 still takes it.
    expect(early.take('node2', 'state-a')).not.toBeNull()
    early.ask('node2', 'state-a')
    vi.advanceTimersByTime(1_500)
    expect(early.take('node2', 'state-a')).toBeNull()
  })

  it('are not asked for before the node is in the overview', () => {
    const { client, getNode } = countingClient()
    new EarlyNodeAnswer(client).ask('node2', '')
    expect(getNode).not.toHaveBeenCalled()
  })
})
