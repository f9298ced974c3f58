import { describe, expect, it } from 'vitest'
import { createStartedNetwork, statuses } from '../support/timeline'

describe('the observable timeline of the spec (three nodes, full mesh)', () => {
  it('relays a transaction and a block exactly as the spec says, clock by clock', () => {
    const network = createStartedNetwork()
    const result = network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 1 })
    expect(result.ok).toBe(true)
    const seen: string[] = []
    for (let t = 1; t <= 4; t++) {
      network.step(1)
      seen.push(`${t}: ${statuses(network)}`)
    }
    network.requestMine('node1')
    for (let t = 5; t <= 10; t++) {
      network.step(1)
      seen.push(`${t}: ${statuses(network)}`)
    }
    expect(seen).toEqual([
      '1: node1=receiving-tx node2=idle node3=idle',
      '2: node1=broadcasting-tx node2=receiving-tx node3=receiving-tx',
      '3: node1=idle node2=broadcasting-tx node3=broadcasting-tx',
      '4: node1=idle node2=idle node3=idle',
      '5: node1=mining node2=idle node3=idle',
      '6: node1=mining node2=idle node3=idle',
      '7: node1=mining node2=idle node3=idle',
      '8: node1=broadcasting-block node2=receiving-block node3=receiving-block',
      '9: node1=idle node2=broadcasting-block node3=broadcasting-block',
      '10: node1=idle node2=idle node3=idle',
    ])
    for (const id of network.nodeIds) {
      expect(network.node(id).tree.height).toBe(1)
      expect(network.node(id).pool.size).toBe(0)
    }
  })
})
