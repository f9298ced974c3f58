import { describe, expect, it } from 'vitest'
import type { AttackerView } from '../../../src/core/attack/attacker-view'
import type { Network } from '../../../src/core/network/network'
import { snapshotNode } from '../../../src/core/snapshot'
import { createStartedNetwork, stepUntilQuiet } from '../../support/timeline'

function mine(network: Network, id: string): void {
  network.requestMine(id)
  stepUntilQuiet(network)
}

/** What node1's snapshot says of its attack, withheld blocks counted rather than named. */
function view(network: Network): Omit<AttackerView, 'withheld'> & { withheld: number } {
  const attack = snapshotNode(network, 'node1').attack
  if (!attack) throw new Error('node1 has no attack in its snapshot')
  return { ...attack, withheld: attack.withheld.length }
}

describe("an attacker's snapshot: its strategy, its phase and its private lead", () => {
  it('is absent from an honest node’s snapshot, which answers as it always did', () => {
    const network = createStartedNetwork({
      attack: { kind: 'selfish', attackers: ['node1'], share: 0.3 },
    })
    expect(Object.keys(snapshotNode(network, 'node2'))).not.toContain('attack')
    expect(Object.keys(snapshotNode(createStartedNetwork(), 'node1'))).not.toContain('attack')
  })

  describe('a selfish miner', () => {
    const selfish = () =>
      createStartedNetwork({ attack: { kind: 'selfish', attackers: ['node1'], share: 0.3 } })

    it('mines on the public tip with no private block at first', () => {
      expect(view(selfish())).toEqual({
        strategy: 'selfish',
        phase: 'public',
        privateHeight: null,
        publicHeight: 0,
        lead: 0,
        withheld: 0,
      })
    })

    it('leads by the blocks it withholds', () => {
      const network = selfish()
      mine(network, 'node1')
      mine(network, 'node1')
      expect(view(network)).toMatchObject({ phase: 'ahead', privateHeight: 2, lead: 2 })
      expect(view(network).withheld).toBe(2)
    })

    it('is in a tie once it matched an honest block, with nothing left withheld', () => {
      const network = selfish()
      mine(network, 'node1')
      mine(network, 'node2')
      expect(view(network)).toMatchObject({
        phase: 'tie',
        privateHeight: 1,
        publicHeight: 1,
        lead: 0,
        withheld: 0,
      })
    })

    it('is back on the public tip after it won the tie', () => {
      const network = selfish()
      mine(network, 'node1')
      mine(network, 'node2')
      mine(network, 'node1')
      expect(view(network)).toMatchObject({ phase: 'public', lead: 0, publicHeight: 2 })
    })
  })

  describe('a double spender', () => {
    const network = () =>
      createStartedNetwork({
        attack: { kind: 'double-spend', attackers: ['node1'], merchant: 'node2', confirmations: 2 },
      })

    it('waits until its payment is in a block, then races, then waits for the merchant', () => {
      const n = network()
      expect(view(n).phase).toBe('waiting')
      n.submitTransaction('node1', { sender: 'aki', recipient: 'so', value: 10 })
      stepUntilQuiet(n)
      mine(n, 'node2')
      mine(n, 'node1')
      expect(view(n)).toMatchObject({ phase: 'racing', privateHeight: 1, publicHeight: 1, lead: 0 })
      mine(n, 'node3')
      // Two confirmations: the merchant has delivered; node1 is one block behind.
      expect(view(n)).toMatchObject({ phase: 'delivered', privateHeight: 1, lead: -1 })
      mine(n, 'node1')
      mine(n, 'node1')
      expect(view(n)).toMatchObject({ phase: 'won', privateHeight: null, lead: 0, withheld: 0 })
    })
  })

  describe('an eclipse attacker', () => {
    it('feeds its victim a chain it measures against the network’s', () => {
      const n = createStartedNetwork({
        nodes: 4,
        attack: { kind: 'eclipse', attackers: ['node1'], merchant: 'node4', confirmations: 1 },
      })
      expect(view(n).phase).toBe('waiting')
      n.submitTransaction('node4', { sender: 'aki', recipient: 'so', value: 10 })
      stepUntilQuiet(n)
      mine(n, 'node1')
      expect(view(n)).toMatchObject({
        phase: 'feeding',
        privateHeight: 1,
        publicHeight: 0,
        lead: 1,
      })
      mine(n, 'node2')
      mine(n, 'node3')
      expect(view(n)).toMatchObject({
        phase: 'feeding',
        privateHeight: 1,
        publicHeight: 2,
        lead: -1,
      })
    })
  })
})
