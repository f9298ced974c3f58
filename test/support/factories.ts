import type { Block } from '../../src/core/chain/block'
import { createGenesisBlock } from '../../src/core/chain/genesis'
import type { Transaction } from '../../src/core/chain/transaction'
import { DEFAULT_EPOCH } from '../../src/core/sim-time'
import { DEFAULT_GENESIS } from '../../src/core/config'
import { mineBlock } from '../../src/core/pow/block-hash'

export const TEST_DIFFICULTY = 4

export const genesis = createGenesisBlock(DEFAULT_GENESIS, DEFAULT_EPOCH)

let txCounter = 0

/** A transfer with a fresh id. */
export function createTx(sender: string, recipient: string, value: number): Transaction {
  return { sender, recipient, value, id: `test-tx-${++txCounter}` }
}

/** A valid block on `parent`, mined at the test difficulty. */
export function createBlock(
  parent: Block,
  options: { transactions?: Transaction[]; miner?: string; timestamp?: string } = {},
): Block {
  return mineBlock(
    {
      id: parent.id + 1,
      previous_block_hash: parent.hash,
      timestamp: options.timestamp ?? `2026/11/24 10:00:0${Math.min(parent.id + 1, 9)}`,
      transactions: options.transactions ?? [],
      miner: options.miner ?? 'node1',
    },
    TEST_DIFFICULTY,
  )
}

/** A chain of `length` empty blocks on `parent`, lowest first. */
export function createChain(parent: Block, length: number, miner = 'node1'): Block[] {
  const blocks: Block[] = []
  let tip = parent
  for (let i = 0; i < length; i++) {
    tip = createBlock(tip, { miner })
    blocks.push(tip)
  }
  return blocks
}
