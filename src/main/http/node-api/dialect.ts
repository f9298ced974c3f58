import type { Block } from '../../../core/chain/block'
import type { Transaction } from '../../../core/chain/transaction'
import { STATUS_CODE, type NodeStatus } from '../../../core/node-status'
import type { Dialect } from '../../../shared/api-types'

/**
 * The node API's two wire formats. `readme` is the documented one (plus additive fields: a
 * transaction's id, a block's miner). `legacy` is what the earlier server really sent, which
 * existing controller scripts parse: a numeric status, a bare block array, `transaction` lists.
 */
export interface WireFormat {
  status(clock: number, status: NodeStatus): unknown
  block(block: Block): unknown
  chain(blocks: readonly Block[]): unknown
  pool(txs: readonly Transaction[]): unknown
}

const legacyTx = ({ sender, recipient, value }: Transaction) => ({ sender, recipient, value })

const readme: WireFormat = {
  status: (clock, status) => ({ clock, status }),
  block: (block) => block,
  chain: (blocks) => ({ length: blocks.length, blocks }),
  pool: (txs) => txs,
}

const legacy: WireFormat = {
  status: (clock, status) => ({ clock, status: STATUS_CODE[status] }),
  block: (block) => ({
    id: block.id,
    hash: block.hash,
    timestamp: block.timestamp,
    transaction: block.transactions.map(legacyTx),
    previous_block_hash: block.previous_block_hash,
    nonce: block.nonce,
  }),
  chain: (blocks) => blocks.map((b) => legacy.block(b)),
  pool: (txs) => txs.map(legacyTx),
}

export const WIRE_FORMATS: Readonly<Record<Dialect, WireFormat>> = { readme, legacy }
