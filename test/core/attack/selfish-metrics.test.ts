import { describe, expect, it } from 'vitest'
import { selfishRevenue } from '../../../src/core/attack/attack-theory'
import { SelfishCollector } from '../../../src/core/attack/selfish-metrics'
import type { Block } from '../../../src/core/chain/block'
import type { EngineEvent } from '../../../src/core/events'

function block(id: number, hash: string, parent: string, miner: string): Block {
  return {
    id,
    hash,
    previous_block_hash: parent,
    miner,
    nonce: 0,
    timestamp: '2026/11/24 10:00:00',
    transactions: [],
  }
}

const mined = (node: string, b: Block): EngineEvent => ({
  kind: 'block.mined',
  clock: 0,
  node,
  block: b,
})
const match = (hash: string, height: number): EngineEvent => ({
  kind: 'attack.published',
  clock: 0,
  node: 'node1',
  rule: 'match',
  to: null,
  blocks: [{ hash, height, parent: 'g', miner: 'node1', transactions: 0 }],
})

describe('measuring a selfish miner', () => {
  it('counts γ over the ties honest blocks settle, and the attacker’s share of the main chain', () => {
    const collector = new SelfishCollector('node1', 0.3)
    collector.add([
      match('A1', 1),
      mined('node2', block(2, 'H2', 'A1', 'node2')), // on the attacker's block: counts for γ
      mined('node3', block(2, 'X2', 'H1', 'node3')), // the tie is settled already: not counted
      match('A3', 3),
      mined('node3', block(4, 'H4', 'H3', 'node3')), // on the honest block
      match('A5', 5),
      mined('node1', block(6, 'A6', 'A5', 'node1')), // the attacker settles it: no sample
      match('A7', 7),
      mined('node2', block(7, 'Y7', 'H6', 'node2')), // not the next height: the tie stays open
      mined('node2', block(8, 'H8', 'H7', 'node2')),
    ])
    const report = collector.finish(['genesis', 'node1', 'node2', 'node1', 'node3'])
    expect(report).toEqual({
      kind: 'selfish',
      attackerPower: 0.3,
      revenueShare: 0.5,
      gamma: 1 / 3,
      ties: 3,
      predictedRevenueShare: selfishRevenue(0.3, 1 / 3),
    })
  })

  it('reports γ = 0 when no tie was settled by an honest block', () => {
    expect(new SelfishCollector('node1', 0.2).finish(['genesis'])).toMatchObject({
      gamma: 0,
      ties: 0,
      revenueShare: 0,
    })
  })
})
