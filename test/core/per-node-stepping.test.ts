import { describe, expect, it } from 'vitest'
import { SPEC_TIMELINE, STEPPING_ORDERS } from '../support/spec-timeline'
import { createStartedNetwork } from '../support/timeline'

describe('a controller stepping nodes one at a time with clock/N', () => {
  for (const order of STEPPING_ORDERS) {
    it(`reproduces the spec timeline stepping ${order.join(', ')}`, () => {
      const network = createStartedNetwork()
      network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 1 })
      const seen = ['idle idle idle']
      for (let clock = 1; clock <= 10; clock++) {
        if (clock === 5) network.requestMine('node1')
        for (const id of order) network.stepNode(id, clock)
        seen.push(network.nodeIds.map((id) => network.node(id).status).join(' '))
      }
      expect(seen).toEqual(SPEC_TIMELINE)
    })
  }

  it('lets a node run ahead: a message reaches a peer at its first free clock after it is sent', () => {
    const network = createStartedNetwork()
    network.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 1 })
    network.stepNode('node2', 5)
    network.stepNode('node1', 2)
    expect(network.node('node1').status).toBe('broadcasting-tx')
    expect(network.node('node2').pool.size).toBe(0)
    network.stepNode('node2', 6)
    expect(network.node('node2').status).toBe('receiving-tx')
    expect(network.node('node2').pool.size).toBe(1)
  })

  it('refuses to step a node back in time and changes nothing', () => {
    const network = createStartedNetwork()
    network.stepNode('node1', 3)
    expect(() => network.stepNode('node1', 2)).toThrow(/cannot go back/)
    expect(network.node('node1').clock).toBe(3)
  })
})
