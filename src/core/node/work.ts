import type { Block } from '../chain/block'
import type { Transaction } from '../chain/transaction'
import type { Message } from '../network/message'
import { ACTIVITY_CLOCKS, type NodeStatus } from '../node-status'
import type { BlockTemplate } from '../pow/block-hash'

export type BlockMessage = Extract<Message, { type: 'NEW_BLOCK' | 'BLOCKS' }>
export type TxMessage = Extract<Message, { type: 'NEW_TX' }>

/** One unit of a node's work; each takes one activity's clocks and shows as one status. */
export type Work =
  | { readonly kind: 'mine' }
  /** A transaction from a controller (message null) or from a peer. */
  | { readonly kind: 'receive-tx'; readonly tx: Transaction; readonly message: TxMessage | null }
  | { readonly kind: 'receive-block'; readonly message: BlockMessage }
  | { readonly kind: 'broadcast-tx'; readonly tx: Transaction }
  | { readonly kind: 'broadcast-block'; readonly block: Block }
  /** The main chain's tip, to the one peer whose link just came up (spec: "Links coming up"). */
  | { readonly kind: 'announce-block'; readonly block: Block; readonly peer: string }
  /** An attacker's withheld blocks, in one batch, to every peer or (peer set) to one. */
  | {
      readonly kind: 'publish-blocks'
      readonly blocks: readonly Block[]
      readonly peer: string | null
    }

/** The work a node is doing, the clocks it spans, and what it leads to when it ends. */
export interface Activity {
  readonly work: Work
  readonly start: number
  readonly end: number
  /** For mining: the block being worked on, fixed when mining starts. */
  readonly template?: Omit<BlockTemplate, 'timestamp'>
  /** The broadcast that follows when this activity ends (a relay), if any. */
  readonly then?: Work
}

export const WORK_STATUS: Readonly<Record<Work['kind'], NodeStatus>> = {
  mine: 'mining',
  'receive-tx': 'receiving-tx',
  'receive-block': 'receiving-block',
  'broadcast-tx': 'broadcasting-tx',
  'broadcast-block': 'broadcasting-block',
  'announce-block': 'broadcasting-block',
  'publish-blocks': 'broadcasting-block',
}

export const WORK_CLOCKS: Readonly<Record<Work['kind'], number>> = {
  mine: ACTIVITY_CLOCKS.mine,
  'receive-tx': ACTIVITY_CLOCKS.receiveTx,
  'receive-block': ACTIVITY_CLOCKS.receiveBlock,
  'broadcast-tx': ACTIVITY_CLOCKS.broadcastTx,
  'broadcast-block': ACTIVITY_CLOCKS.broadcastBlock,
  'announce-block': ACTIVITY_CLOCKS.broadcastBlock,
  'publish-blocks': ACTIVITY_CLOCKS.broadcastBlock,
}

export function isBroadcast(work: Work): boolean {
  return (
    work.kind === 'broadcast-tx' ||
    work.kind === 'broadcast-block' ||
    work.kind === 'publish-blocks'
  )
}

/** The blocks a block message carries. */
export function blocksOf(message: BlockMessage): readonly Block[] {
  return message.type === 'NEW_BLOCK' ? [message.block] : message.blocks
}
