import { describe, expect, it } from 'vitest'
import { createStartedNetwork, stepUntilQuiet } from '../../support/timeline'
import { Network } from '../../../src/core/network/network'
import { createConfig } from '../../../src/core/config'

const kinds = (network: Network) => network.drainEvents().map((e) => `${e.kind} ${e.node}`)

describe('starting a node afresh (the legacy start)', () => {
  it('puts a started node back at clock 0 with genesis only and an empty pool, then starts it', () => {
    const network = createStartedNetwork()
    network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 3 })
    stepUntilQuiet(network)
    network.requestMine('node2')
    network.submitTransaction('node2', { sender: 'so', recipient: 'satoshi', value: 1 })
    network.step(2)
    network.drainEvents()

    network.restart('node2')
    expect(kinds(network)).toEqual(['node.reset node2', 'node.started node2'])
    const node2 = network.node('node2')
    expect(node2.started).toBe(true)
    expect(node2.clock).toBe(0)
    expect(node2.status).toBe('idle')
    expect(node2.tree.height).toBe(0)
    expect(node2.pool.size).toBe(0)
    expect(node2.queueLength).toBe(0)
    // The others go on as they were.
    expect(network.node('node1').pool.size).toBe(1)
  })

  it('simply starts a node that was never started', () => {
    const network = new Network(createConfig({ difficulty: 4 }))
    network.restart('node3')
    expect(kinds(network)).toEqual(['node.started node3'])
    expect(network.node('node3').started).toBe(true)
  })
})

describe('removing one link (peer/clear naming a peer)', () => {
  it('unlinks those two nodes and leaves every other link', () => {
    const network = createStartedNetwork()
    network.drainEvents()
    network.removeLink('node1', 'node3')
    expect(kinds(network)).toEqual(['link.removed node1'])
    expect(network.peersOf('node1').map((p) => p.id)).toEqual(['node2'])
    expect(network.peersOf('node3').map((p) => p.id)).toEqual(['node2'])
  })

  it('changes nothing for two nodes that are not linked', () => {
    const network = createStartedNetwork({ topology: { kind: 'line' } })
    network.drainEvents()
    network.removeLink('node1', 'node3')
    expect(kinds(network)).toEqual([])
    expect(network.allLinks()).toHaveLength(2)
  })
})
