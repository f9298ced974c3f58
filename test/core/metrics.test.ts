import { describe, expect, it } from 'vitest'
import { executeCommand } from '../../src/core/commands'
import { MetricsCollector } from '../../src/core/metrics'
import { Network } from '../../src/core/network/network'

/** Runs commands on a fresh network and measures it, as an experiment does. */
function measure(network: Network, commands: Parameters<typeof executeCommand>[1][]) {
  const collector = new MetricsCollector(network.nodeIds.length)
  for (const command of commands) {
    executeCommand(network, command)
    collector.add(network.drainEvents())
  }
  const node1 = network.node('node1').tree
  return collector.finish(
    network.clock,
    node1.mainChain().map((b) => ({ hash: b.hash, transactions: b.transactions.length })),
    network.nodeIds.map((id) => network.node(id).tree.tip.block.hash),
  )
}

describe('experiment metrics, checked by hand on small cases', () => {
  it('the spec timeline: one block, no stale, a clock to every node, one confirmed transaction', () => {
    const network = new Network({ difficulty: 2 })
    const m = measure(network, [
      { type: 'start' },
      { type: 'submit-tx', node: 'node1', tx: { sender: 'aki', recipient: 'so', value: 1 } },
      { type: 'step', clocks: 4 },
      { type: 'mine', node: 'node1' },
      { type: 'step', clocks: 6 },
    ])
    expect(m).toMatchObject({
      clocks: 10,
      blocksMined: 1,
      staleBlocks: 0,
      staleRate: 0,
      forkRate: 0,
      mainChainHeight: 1,
      transactionsConfirmed: 1,
      throughput: 0.1,
      agreement: 1,
    })
    // Mined at 7 (the miner holds it then), received by node2 and node3 at 8: half the nodes
    // (two of three) hold it one clock after it was mined.
    expect(m.blockPropagation.p50).toMatchObject({ count: 1, median: 1 })
    expect(m.blockPropagation.p100).toMatchObject({ count: 1, median: 1 })
    // Accepted by node1 at 1, by node2 and node3 at 2.
    expect(m.txPropagation.p100).toMatchObject({ count: 1, median: 1 })
    // node1: busy 1, 2, 5–8 (6 clocks); node2 and node3: 2, 3, 8, 9 (4 each): 14 of 30.
    expect(m.busyShare).toBeCloseTo(14 / 30)
  })

  it('a fork resolved by the next block: one stale block, one fork in two heights, one reorg', () => {
    const network = new Network({ difficulty: 2 })
    const m = measure(network, [
      { type: 'start' },
      { type: 'mine', node: 'node1' },
      { type: 'mine', node: 'node2' },
      { type: 'step', clocks: 10 },
      { type: 'mine', node: 'node3' },
      { type: 'step', clocks: 10 },
    ])
    expect(m).toMatchObject({
      blocksMined: 3,
      staleBlocks: 1,
      mainChainHeight: 2,
      forkRate: 0.5,
      reorgs: 1,
      reorgDepths: { 1: 1 },
      agreement: 1,
    })
    expect(m.staleRate).toBeCloseTo(1 / 3)
  })
})
