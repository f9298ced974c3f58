import { describe, expect, it } from 'vitest'
import { createConfig } from '../../src/core/config'
import { predictedForkRate, unawareClocks } from '../../src/core/fork-model'
import { MetricsCollector } from '../../src/core/metrics'
import { Network } from '../../src/core/network/network'

/** A full mesh of automatic miners run for `clocks`, measured. */
function measureForks(
  nodes: number,
  interval: number,
  latency: number,
  clocks: number,
  seed: number,
) {
  const network = new Network(
    createConfig({ nodes, latency, seed, difficulty: 1, autoMine: { interval, hashPower: null } }),
  )
  network.start()
  const collector = new MetricsCollector(nodes)
  for (let done = 0; done < clocks; done += 1_000) {
    network.step(1_000)
    collector.add(network.drainEvents())
  }
  const tree = network.node('node1').tree
  return collector.finish(
    clocks,
    tree.mainChain().map((b) => ({ hash: b.hash, transactions: b.transactions.length })),
    network.nodeIds.map((id) => network.node(id).tree.tip.block.hash),
  )
}

describe('the analytic fork model', () => {
  it('counts the clocks a peer stays unaware of a block: 3 mining clocks, then a clock a hop', () => {
    expect(unawareClocks(0)).toBe(3)
    expect(unawareClocks(2)).toBe(5)
    expect(unawareClocks(0, 3)).toBe(5)
  })

  it('tends to Decker and Wattenhofer’s 1 − e^(−(1−α)d/T) for many small miners', () => {
    const p = predictedForkRate({ nodes: 10_000, interval: 600, latency: 9 })
    const d = unawareClocks(9)
    expect(p).toBeCloseTo(1 - Math.exp(-((1 - 1 / 10_000) * d) / 600), 4)
  })

  for (const latency of [0, 3]) {
    it(`matches the measured fork rate of a 10-node mesh with latency ${latency}`, () => {
      const m = measureForks(10, 30, latency, 60_000, 7 + latency)
      const predicted = predictedForkRate({
        nodes: 10,
        interval: 30,
        latency,
        busyShare: m.busyShare,
      })
      const sigma = Math.sqrt((predicted * (1 - predicted)) / m.mainChainHeight)
      expect(m.mainChainHeight).toBeGreaterThan(1_500)
      expect(Math.abs(m.forkRate - predicted)).toBeLessThan(3 * sigma)
      // The plain formula counts busy clocks as trials too, so it over-predicts a little.
      const plain = predictedForkRate({ nodes: 10, interval: 30, latency })
      expect(m.forkRate / plain).toBeGreaterThan(0.7)
      expect(m.forkRate / plain).toBeLessThan(1.02)
    })
  }
})
