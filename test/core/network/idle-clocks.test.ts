import { afterEach, describe, expect, it, vi } from 'vitest'
import { Network } from '../../../src/core/network/network'
import { SimNode } from '../../../src/core/node/sim-node'

afterEach(() => vi.restoreAllMocks())

describe('clocks at which nothing is due cost nothing', () => {
  it('steps a quiet network a million clocks without processing them one by one', () => {
    const network = new Network({ nodes: 50, topology: { kind: 'ring' }, difficulty: 4 })
    network.start()
    const finish = vi.spyOn(SimNode.prototype, 'finish')
    network.step(1_000_000)
    expect(finish).not.toHaveBeenCalled()
    expect(network.nodeIds.map((id) => network.node(id).clock)).toEqual(
      network.nodeIds.map(() => 1_000_000),
    )
  })

  it('steps one node alone to a far clock without processing the clocks between', () => {
    const network = new Network({ nodes: 3, difficulty: 4 })
    network.start()
    network.requestMine('node2')
    const finish = vi.spyOn(SimNode.prototype, 'finish')
    network.stepNode('node2', 500_000)
    // Mining takes three clocks and the broadcast one: the rest is passed at once.
    expect(finish.mock.calls.length).toBeLessThan(10)
    expect(network.node('node2').clock).toBe(500_000)
    expect(network.node('node2').tree.height).toBe(1)
  })

  it('processes only the clocks around a block when automatic mining is rare', () => {
    const network = new Network({
      nodes: 20,
      topology: { kind: 'ring' },
      difficulty: 4,
      autoMine: { interval: 50_000, hashPower: null },
    })
    network.start()
    const finish = vi.spyOn(SimNode.prototype, 'finish')
    network.step(200_000)
    const mined = network.drainEvents().filter((e) => e.kind === 'block.mined').length
    expect(mined).toBeGreaterThan(0)
    // A block keeps the ring busy for some tens of clocks, not the whole run.
    expect(finish.mock.calls.length).toBeLessThan(mined * 20 * 100)
    expect(network.node('node1').clock).toBe(200_000)
  })
})
