import type { Transaction } from './transaction'

/** A block in the README wire format (the legacy dialect renames `transactions` at the edge). */
export interface Block {
  /** The block's height: 0 for genesis. */
  readonly id: number
  readonly hash: string
  readonly timestamp: string
  readonly transactions: readonly Transaction[]
  readonly previous_block_hash: string
  readonly nonce: number
  /** The node that mined it; null for genesis. Part of the hash, so rival miners never collide. */
  readonly miner: string | null
}

export const GENESIS_PARENT = '0'.repeat(64)

/** Why a received block is refused. */
export type BlockRefusal =
  | 'bad-hash'
  | 'insufficient-work'
  | 'bad-height'
  | 'bad-timestamp'
  | 'invalid-transaction'
  | 'duplicate-transaction'
  | 'unknown-parent'

export const BLOCK_REFUSAL_TEXT: Readonly<Record<BlockRefusal, string>> = {
  'bad-hash': 'the hash does not match the block contents',
  'insufficient-work': 'the hash does not meet the difficulty',
  'bad-height': 'the id is not one more than the parent height',
  'bad-timestamp': 'the timestamp is not %Y/%m/%d %H:%M:%S',
  'invalid-transaction': 'a transaction is not affordable on this branch',
  'duplicate-transaction': 'a transaction is already on this branch',
  'unknown-parent': 'the parent block is unknown',
}
