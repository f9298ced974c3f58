import { describe, expect, it } from 'vitest'
import type { EngineEvent, SequencedEvent } from '../../src/core/events'
import { Network } from '../../src/core/network/network'
import { STEPPING_ORDERS } from '../support/spec-timeline'
import { createStartedNetwork, statuses, stepUntilQuiet, tips } from '../support/timeline'

/**
 * Three nodes in a mesh with node1 cut off from node2 and node3; node1 mines `left` blocks and
 * node2 mines `right` (node3 gets node2's). Every node is idle at the same clock, events drained.
 */
function partitioned(left: number, right: number): Network {
  const network = createStartedNetwork()
  network.cutLink('node1', 'node2')
  network.cutLink('node1', 'node3')
  for (let i = 0; i < Math.max(left, right); i++) {
    if (i < left) network.requestMine('node1')
    if (i < right) network.requestMine('node2')
    stepUntilQuiet(network)
  }
  network.drainEvents()
  return network
}

function healPartition(network: Network): void {
  network.healLink('node1', 'node2')
  network.healLink('node1', 'node3')
}

/** Every NEW_BLOCK sent, as `from→to block@clock` (block: the first 8 characters of its hash). */
function newBlocksSent(events: readonly EngineEvent[]): string[] {
  return events.flatMap((e) =>
    e.kind === 'message.sent' && e.type === 'NEW_BLOCK'
      ? [`${e.node}→${e.to} ${e.subject.slice(0, 8)}@${e.clock}`]
      : [],
  )
}

function short(hash: string): string {
  return hash.slice(0, 8)
}

/** Each node's events in the order they happened, without their place in the whole stream. */
function byNode(events: readonly SequencedEvent[]): Record<string, EngineEvent[]> {
  const nodes: Record<string, EngineEvent[]> = {}
  for (const { seq: _seq, ...event } of events) (nodes[event.node] ??= []).push(event)
  return nodes
}

/** Steps every node to each clock in turn, in the given order within a clock. */
function stepInOrder(network: Network, order: readonly string[], to: number): void {
  for (let t = Math.min(...network.nodeIds.map((id) => network.node(id).clock)) + 1; t <= to; t++)
    for (const id of order) network.stepNode(id, Math.max(t, network.node(id).clock))
}

describe('links coming up: a fork across a healed partition', () => {
  /** node1 holds one block, node2 and node3 two of their own: the heal, clock by clock. */
  const HEAL_TIMELINE = [
    // Each end announces its tip: node1 to node2 (healed first), node2 and node3 to node1.
    '+1: node1=broadcasting-block node2=broadcasting-block node3=broadcasting-block',
    // node1 announces to node3; node2 and node3 receive node1's tip, a rival they keep aside.
    '+2: node1=broadcasting-block node2=receiving-block node3=receiving-block',
    // node1 receives node2's tip, lacks its parent and asks node2 for it; the rival is relayed.
    '+3: node1=receiving-block node2=broadcasting-block node3=broadcasting-block',
    '+4: node1=idle node2=idle node3=idle',
    // node2's answer: node1 reorganises onto the longer chain, then relays its new tip.
    '+5: node1=receiving-block node2=idle node3=idle',
    '+6: node1=broadcasting-block node2=idle node3=idle',
    '+7: node1=idle node2=idle node3=idle',
  ]

  function healAndWatch(step: (network: Network, clock: number) => void) {
    const network = partitioned(1, 2)
    const shorter = network.node('node1').tree.tip.block.hash
    const longer = network.node('node2').tree.tip.block.hash
    const heal = network.clock
    healPartition(network)
    const seen: string[] = []
    for (let t = heal + 1; t <= heal + HEAL_TIMELINE.length; t++) {
      step(network, t)
      seen.push(`+${t - heal}: ${statuses(network)}`)
    }
    return { network, seen, shorter, longer, heal, events: network.drainEvents() }
  }

  const reference = healAndWatch((network) => network.step(1))

  it('resolves within five clocks of the heal, with no block mined, every node on the longer chain', () => {
    const { network, seen, shorter, longer, heal, events } = reference
    expect(seen).toEqual(HEAL_TIMELINE)
    expect(tips(network)).toEqual([longer, longer, longer])
    expect(events.filter((e) => e.kind === 'block.mined')).toEqual([])
    expect(newBlocksSent(events).slice(0, 4)).toEqual([
      `node1→node2 ${short(shorter)}@${heal + 1}`,
      `node2→node1 ${short(longer)}@${heal + 1}`,
      `node3→node1 ${short(longer)}@${heal + 1}`,
      `node1→node3 ${short(shorter)}@${heal + 2}`,
    ])
    const reorgs = events.filter((e) => e.kind === 'chain.reorg')
    expect(reorgs).toMatchObject([{ node: 'node1', clock: heal + 5, depth: 1, newTip: longer }])
    // Every node holds both branches.
    for (const id of network.nodeIds) expect(network.node(id).tree.hasBlock(shorter)).toBe(true)
  })

  for (const order of STEPPING_ORDERS) {
    it(`gives every node the same events stepping ${order.join(', ')} with clock/N`, () => {
      const { seen, events } = healAndWatch((network, t) => {
        for (const id of order) network.stepNode(id, t)
      })
      expect(seen).toEqual(HEAL_TIMELINE)
      expect(byNode(events)).toEqual(byNode(reference.events))
    })
  }

  it('does not depend on stepping order when the two sides are at different clocks', () => {
    const outcomes = STEPPING_ORDERS.map((order) => {
      const network = partitioned(1, 2)
      const heal = network.clock
      // node2 and node3 run ahead before the heal: node1's announcement, sent at heal + 1,
      // reaches them at their first free clock after that, whoever is stepped first.
      network.stepNode('node2', heal + 3)
      network.stepNode('node3', heal + 2)
      healPartition(network)
      stepInOrder(network, order, heal + 12)
      const events = network.drainEvents()
      expect(events.filter((e) => e.kind === 'block.mined')).toEqual([])
      expect(new Set(tips(network)).size).toBe(1)
      return byNode(events)
    })
    for (const outcome of outcomes.slice(1)) expect(outcome).toEqual(outcomes[0])
  })

  it('leaves a tie a tie: each keeps the tip it saw first, and both ends learn the other', () => {
    const network = partitioned(1, 1)
    const [left, right] = tips(network) as [string, string]
    healPartition(network)
    stepUntilQuiet(network, 10)
    expect(tips(network)).toEqual([left, right, right])
    for (const id of network.nodeIds) {
      expect(network.node(id).tree.hasBlock(left)).toBe(true)
      expect(network.node(id).tree.hasBlock(right)).toBe(true)
    }
    expect(network.drainEvents().filter((e) => e.kind === 'chain.reorg')).toEqual([])
  })
})

describe('links coming up: which links announce', () => {
  it('announces on peer/add: a node linked at run time catches up without another block', () => {
    const network = createStartedNetwork()
    network.clearPeers('node1')
    network.requestMine('node1')
    network.requestMine('node2')
    stepUntilQuiet(network)
    network.requestMine('node2')
    stepUntilQuiet(network)
    const [shorter, longer] = tips(network) as [string, string]
    const added = network.clock
    network.drainEvents()
    network.addLink('node1', 'node2')
    stepUntilQuiet(network, 10)
    expect(tips(network)).toEqual([longer, longer, longer])
    const events = network.drainEvents()
    expect(newBlocksSent(events).slice(0, 2)).toEqual([
      `node1→node2 ${short(shorter)}@${added + 1}`,
      `node2→node1 ${short(longer)}@${added + 1}`,
    ])
    expect(events.filter((e) => e.kind === 'block.mined')).toEqual([])
  })

  it('does not announce over the links a network starts with', () => {
    const network = createStartedNetwork()
    network.step(5)
    expect(network.drainEvents().filter((e) => e.kind === 'message.sent')).toEqual([])
    expect(statuses(network)).toBe('node1=idle node2=idle node3=idle')
  })

  it('does not announce when no link comes up: healing an up link, adding a linked peer', () => {
    const network = createStartedNetwork()
    network.drainEvents()
    network.healLink('node1', 'node2')
    network.addLink('node1', 'node3')
    network.step(3)
    expect(network.drainEvents()).toEqual([])
  })

  it('costs one broadcasting-block clock on each end of a cut-then-healed link, and changes no chain', () => {
    const network = createStartedNetwork()
    network.requestMine('node1')
    stepUntilQuiet(network)
    const before = tips(network)
    network.cutLink('node1', 'node2')
    network.step(2)
    const heal = network.clock
    network.drainEvents()
    network.healLink('node1', 'node2')
    const seen: string[] = []
    for (let i = 0; i < 2; i++) {
      network.step(1)
      seen.push(statuses(network))
    }
    expect(seen).toEqual([
      'node1=broadcasting-block node2=broadcasting-block node3=idle',
      'node1=idle node2=idle node3=idle',
    ])
    expect(tips(network)).toEqual(before)
    const events = network.drainEvents()
    const tip = short(before[0] as string)
    expect(newBlocksSent(events)).toEqual([
      `node1→node2 ${tip}@${heal + 1}`,
      `node2→node1 ${tip}@${heal + 1}`,
    ])
    // Each peer knows the block already: dropped on arrival, at no cost.
    const drops = events.filter((e) => e.kind === 'message.dropped')
    expect(drops.map((e) => e.kind === 'message.dropped' && [e.node, e.reason])).toEqual([
      ['node1', 'known'],
      ['node2', 'known'],
    ])
    expect(events.filter((e) => e.kind === 'block.accepted')).toEqual([])
  })

  it('announces a genesis-only tip too (the peer knows genesis and drops it at no cost)', () => {
    const network = createStartedNetwork()
    network.cutLink('node2', 'node3')
    network.healLink('node2', 'node3')
    network.step(2)
    const events = network.drainEvents()
    const genesis = short(network.genesis.hash)
    expect(newBlocksSent(events)).toEqual([`node2→node3 ${genesis}@1`, `node3→node2 ${genesis}@1`])
    expect(events.filter((e) => e.kind === 'message.dropped')).toHaveLength(2)
  })
})

describe('links coming up: when the announcement leaves', () => {
  /** node1 cut off and mining from clock 1 (to 3); the link to node2 heals at clock 1. */
  function healWhileMining(): Network {
    const network = createStartedNetwork()
    network.cutLink('node1', 'node2')
    network.cutLink('node1', 'node3')
    network.requestMine('node1')
    network.step(1)
    network.healLink('node1', 'node2')
    return network
  }

  function node1Statuses(network: Network, clocks: number): string[] {
    const seen: string[] = []
    for (let i = 0; i < clocks; i++) {
      network.step(1)
      seen.push(network.node('node1').status)
    }
    return seen
  }

  it('waits for a busy node, after its relay, and carries the tip it has when it leaves', () => {
    const network = healWhileMining()
    expect(node1Statuses(network, 5)).toEqual([
      'mining',
      'mining',
      'broadcasting-block', // the relay of the block it mined
      'broadcasting-block', // the announcement to node2
      'idle',
    ])
    const mined = short(network.node('node1').tree.tip.block.hash)
    const sent = newBlocksSent(network.drainEvents())
    expect(sent).toContain(`node1→node2 ${mined}@5`)
    // node2 was free: it announced at once, its genesis tip (node1 knew it).
    expect(sent[0]).toBe(`node2→node1 ${short(network.genesis.hash)}@2`)
  })

  it('comes before controller requests: a mine asked for on a free node waits one clock', () => {
    const network = partitioned(0, 1)
    network.healLink('node1', 'node2')
    network.requestMine('node1')
    network.step(2)
    expect(network.node('node1').status).toBe('mining')
    expect(network.drainEvents()).toContainEqual(
      expect.objectContaining({ kind: 'node.status', node: 'node1', status: 'broadcasting-block' }),
    )
  })

  it('leaves even when the link is cut again first, and is dropped as link-cut like any message', () => {
    const network = healWhileMining()
    network.step(1)
    network.cutLink('node1', 'node2')
    expect(node1Statuses(network, 4)).toEqual([
      'mining',
      'broadcasting-block',
      'broadcasting-block',
      'idle',
    ])
    const drops = network
      .drainEvents()
      .filter((e) => e.kind === 'message.dropped' && e.from === 'node1' && e.node === 'node2')
    // The relay of the mined block at 4, then the announcement at 5.
    expect(drops.map((e) => e.kind === 'message.dropped' && `${e.reason}@${e.clock}`)).toEqual([
      'link-cut@4',
      'link-cut@5',
    ])
  })

  it('is queued once per peer: a link that comes up twice before it leaves announces once', () => {
    const network = healWhileMining()
    network.cutLink('node1', 'node2')
    network.healLink('node1', 'node2')
    expect(node1Statuses(network, 5)).toEqual([
      'mining',
      'mining',
      'broadcasting-block',
      'broadcasting-block',
      'idle',
    ])
  })

  it('is forgotten on reset, like everything else queued', () => {
    const network = healWhileMining()
    network.reset('node1')
    network.step(4)
    const sent = newBlocksSent(network.drainEvents())
    expect(sent.filter((s) => s.startsWith('node1'))).toEqual([])
  })

  it('is not made by a node that is not started; a message to one is dropped (not-started)', () => {
    const network = new Network({ difficulty: 4 })
    network.start('node1')
    network.start('node2')
    network.cutLink('node1', 'node3')
    network.healLink('node1', 'node3')
    network.stepNode('node1', 2)
    network.stepNode('node2', 2)
    const events = network.drainEvents()
    expect(newBlocksSent(events)).toEqual([`node1→node3 ${short(network.genesis.hash)}@1`])
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'message.dropped', node: 'node3', reason: 'not-started' }),
    )
  })
})
