import { describe, expect, it } from 'vitest'
import { createStartedNetwork, stepUntilQuiet, tips } from '../support/timeline'

describe('forks and the longest chain', () => {
  it('forks when two nodes mine in the same clock, each keeping the block it saw first', () => {
    const network = createStartedNetwork()
    network.requestMine('node1')
    network.requestMine('node2')
    stepUntilQuiet(network)
    const [tip1, tip2, tip3] = tips(network)
    expect(tip1).not.toBe(tip2)
    // node3 hears node1 and node2 in the same clock and takes the lower-indexed sender first.
    expect(tip3).toBe(tip1)
    for (const id of network.nodeIds) expect(network.node(id).tree.height).toBe(1)
    // Every node also holds the rival block, off its main chain.
    const sideBlocks = network
      .drainEvents()
      .filter((e) => e.kind === 'block.accepted' && !e.onMainChain)
      .map((e) => e.node)
    expect(sideBlocks.sort()).toEqual(['node1', 'node2', 'node3'])
  })

  it('resolves the fork when the next block makes one branch longer', () => {
    const network = createStartedNetwork()
    network.requestMine('node1')
    network.requestMine('node2')
    stepUntilQuiet(network)
    network.drainEvents()
    network.requestMine('node3')
    stepUntilQuiet(network)
    const [tip1, tip2, tip3] = tips(network)
    expect(new Set([tip1, tip2, tip3]).size).toBe(1)
    const reorgs = network.drainEvents().filter((e) => e.kind === 'chain.reorg')
    expect(reorgs.map((e) => [e.node, e.kind === 'chain.reorg' && e.depth])).toEqual([['node2', 1]])
  })

  it('returns the transactions of abandoned blocks to the pool on a reorganisation', () => {
    const network = createStartedNetwork()
    network.cutLink('node1', 'node2')
    network.cutLink('node2', 'node3')
    const sent = network.submitTransaction('node2', { sender: 'so', recipient: 'aki', value: 3 })
    if (!sent.ok) throw new Error('transfer refused')
    network.step(1)
    network.requestMine('node2')
    network.requestMine('node1')
    stepUntilQuiet(network)
    network.requestMine('node1')
    stepUntilQuiet(network)
    expect(network.node('node2').tree.tip.block.transactions.map((t) => t.id)).toEqual([sent.tx.id])
    network.healLink('node1', 'node2')
    network.healLink('node2', 'node3')
    network.drainEvents()
    network.requestMine('node3')
    stepUntilQuiet(network)
    expect(new Set(tips(network)).size).toBe(1)
    const reorg = network.drainEvents().find((e) => e.kind === 'chain.reorg' && e.node === 'node2')
    expect(reorg).toMatchObject({ depth: 1, returned: [sent.tx.id] })
    expect(
      network
        .node('node2')
        .pool.all()
        .map((t) => t.id),
    ).toEqual([sent.tx.id])
  })

  it('asks the sender for missing parents and connects the chain it gets back', () => {
    const network = createStartedNetwork()
    network.cutLink('node1', 'node3')
    network.cutLink('node2', 'node3')
    for (let i = 0; i < 3; i++) {
      network.requestMine('node1')
      stepUntilQuiet(network)
    }
    expect(network.node('node3').tree.height).toBe(0)
    network.healLink('node1', 'node3')
    network.drainEvents()
    network.requestMine('node1')
    stepUntilQuiet(network)
    const kinds = network.drainEvents().map((e) => e.kind === 'message.sent' && e.type)
    expect(kinds).toContain('GET_BLOCKS')
    expect(kinds).toContain('BLOCKS')
    expect(network.node('node3').tree.height).toBe(4)
    expect(network.node('node3').tree.orphanCount).toBe(0)
    expect(new Set(tips(network)).size).toBe(1)
  })
})

describe('a partition', () => {
  it('lets both sides spend the same coins, then keeps one spend when healed', () => {
    const network = createStartedNetwork()
    network.cutLink('node1', 'node2')
    network.cutLink('node1', 'node3')
    expect(
      network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 10 }).ok,
    ).toBe(true)
    expect(
      network.submitTransaction('node2', { sender: 'aki', recipient: 'satoshi', value: 10 }).ok,
    ).toBe(true)
    stepUntilQuiet(network)
    network.requestMine('node1')
    network.requestMine('node2')
    stepUntilQuiet(network)
    network.requestMine('node3')
    stepUntilQuiet(network)
    expect(network.node('node1').tree.tip.balances.get('so')).toBe(17)
    expect(network.node('node3').tree.tip.balances.get('satoshi')).toBe(15)
    network.healLink('node1', 'node2')
    network.healLink('node1', 'node3')
    network.requestMine('node2')
    stepUntilQuiet(network)
    expect(new Set(tips(network)).size).toBe(1)
    const balances = Object.fromEntries(network.node('node1').tree.tip.balances)
    expect(balances).toEqual({ aki: 0, so: 7, satoshi: 15 })
    // The losing spend cannot come back: aki's coins are gone on the winning chain.
    expect(network.node('node1').pool.size).toBe(0)
  })

  it('drops messages on a cut link and records why', () => {
    const network = createStartedNetwork()
    network.cutLink('node1', 'node2')
    network.requestMine('node1')
    stepUntilQuiet(network)
    const drops = network
      .drainEvents()
      .filter((e) => e.kind === 'message.dropped' && e.reason === 'link-cut')
    expect(drops.length).toBeGreaterThan(0)
  })
})
