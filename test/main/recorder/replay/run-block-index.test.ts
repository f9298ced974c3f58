import { describe, expect, it } from 'vitest'
import type { Block } from '../../../../src/core/chain/block'
import { BlockTree } from '../../../../src/core/chain/block-tree'
import { RunBlockIndex } from '../../../../src/main/recorder/replay/run-block-index'
import { TEST_DIFFICULTY, createBlock, createTx, genesis } from '../../../support/factories'

/** A run's blocks table in ordinal order: genesis, a main line and one rival block. */
function recordedBlocks() {
  const tx = createTx('so', 'aki', 3)
  const b1 = createBlock(genesis, { transactions: [tx] })
  const b2 = createBlock(b1, { transactions: [createTx('aki', 'satoshi', 4)] })
  const rival = createBlock(b1, { miner: 'node2' })
  const b3 = createBlock(b2)
  return { tx, blocks: [genesis, b1, b2, rival, b3], b1, b2, rival, b3 }
}

function indexOver(blocks: Block[]): { index: RunBlockIndex; reads: number[] } {
  const reads: number[] = []
  const reader = {
    blocks: (_runId: number, from = 0) => {
      reads.push(from)
      return blocks.slice(from)
    },
  }
  return { index: new RunBlockIndex(1, reader), reads }
}

describe("a run's block index", () => {
  it('gives each node a view of just the blocks it held, in the order it accepted them', () => {
    const { blocks, b1, b2, rival, b3 } = recordedBlocks()
    const { index } = indexOver(blocks)
    const held = index.held([
      [0, 3],
      [4, 1],
    ])
    expect([...held.values()].map((e) => e.block)).toEqual([genesis, b1, b2, b3])
    expect(held.get(rival.hash)).toBeUndefined()
    expect(held.get(b3.hash)?.parent?.block).toBe(b2)
    expect(held.get(b3.hash)?.height).toBe(3)
  })

  it('works out balances along the branch, as a tree accepting the same blocks does', () => {
    const { blocks, b1, b2, b3, rival } = recordedBlocks()
    const { index } = indexOver(blocks)
    const live = new BlockTree(genesis, TEST_DIFFICULTY)
    for (const block of [b1, b2, rival, b3]) live.add(block)
    const held = index.held([[0, 5]])
    for (const block of [b1, b2, rival, b3])
      expect(held.get(block.hash)?.balances).toEqual(live.entry(block.hash)?.balances)
  })

  it('finds the held blocks that include a transaction, and only those', () => {
    const { blocks, tx } = recordedBlocks()
    const { index } = indexOver(blocks)
    expect(
      index
        .held([[0, 2]])
        .withTransaction(tx.id)
        .map((e) => e.height),
    ).toEqual([1])
    expect(index.held([[0, 1]]).withTransaction(tx.id)).toEqual([])
  })

  it('shares its entries between views and reads the table only for blocks it has not seen', () => {
    const { blocks } = recordedBlocks()
    const table = blocks.slice(0, 3)
    const { index, reads } = indexOver(table)
    const early = index.held([[0, 3]])
    index.held([[0, 2]])
    expect(reads).toEqual([0])
    table.push(...blocks.slice(3)) // the live run goes on
    const later = index.held([[0, 5]])
    expect(reads).toEqual([0, 3])
    expect(later.get(blocks[2]!.hash)).toBe(early.get(blocks[2]!.hash))
  })
})
