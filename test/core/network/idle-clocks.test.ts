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
