import type { GenesisAllocation } from '../config'
import { assembleBlock, hashBlock } from '../pow/block-hash'
import { GENESIS_PARENT, type Block } from './block'

/** Block 0: the allocations as sender-less transactions. Every node starts with this same block. */
export function createGenesisBlock(
  allocations: readonly GenesisAllocation[],
  epoch: string,
): Block {
  const template = {
    id: 0,
    timestamp: epoch,
    transactions: allocations.map((a, i) => ({
      sender: null,
      recipient: a.recipient,
      value: a.value,
      id: `genesis-${i}`,
    })),
    previous_block_hash: GENESIS_PARENT,
    miner: null,
  }
  return assembleBlock(template, hashBlock(template, 0), 0)
}
