import { describe, expect, it } from 'vitest'
import type { TreeBlock } from '../../../src/shared/api-types'
import { layoutTree } from '../../../src/renderer/src/chain/tree-layout'

const block = (hash: string, parent: string, height: number, onMainChain: boolean): TreeBlock => ({
  hash,
  parent,
  height,
  miner: 'node1',
  transactions: 0,
  onMainChain,
})

describe('laying out a block tree', () => {
  it('puts the main chain in lane 0 and each fork in a lane of its own', () => {
    const placed = layoutTree([
      block('g', '0', 0, true),
      block('a1', 'g', 1, true),
      block('b1', 'g', 1, false),
      block('a2', 'a1', 2, true),
      block('b2', 'b1', 2, false),
      block('c2', 'a1', 2, false),
    ])
    const lane = Object.fromEntries(placed.map((b) => [b.hash, b.lane]))
    expect([lane['g'], lane['a1'], lane['a2']]).toEqual([0, 0, 0])
    expect(lane['b1']).toBe(lane['b2'])
    expect(new Set([lane['b1'], lane['c2'], 0]).size).toBe(3)
  })
})
