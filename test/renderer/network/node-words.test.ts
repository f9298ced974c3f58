import { describe, expect, it } from 'vitest'
import { nodeWords } from '../../../src/renderer/src/network/node-words'

describe("a node's accessible name", () => {
  it('says its status in words and its height', () => {
    expect(nodeWords({ id: 'node3', status: 'receiving-tx', height: 2 })).toBe(
      'node3, receiving a transaction, height 2',
    )
  })

  it("says an attacker's strategy, as the graph's ⚔ mark shows it", () => {
    expect(nodeWords({ id: 'node1', status: 'idle', height: 4, strategy: 'selfish' })).toBe(
      'node1, ⚔ attacker (selfish), idle, height 4',
    )
  })
})
