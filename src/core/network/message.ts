import type { Block } from '../chain/block'
import type { Transaction } from '../chain/transaction'

/** What nodes send each other. NEW_* carry news; ACK_* confirm receipt; GET_BLOCKS/BLOCKS sync a fork. */
export const MESSAGE_TYPES = [
  'NEW_TX',
  'ACK_TX',
  'NEW_BLOCK',
  'ACK_BLOCK',
  'GET_BLOCKS',
  'BLOCKS',
] as const

export type MessageType = (typeof MESSAGE_TYPES)[number]

export type MessagePayload =
  | { readonly type: 'NEW_TX'; readonly tx: Transaction }
  | { readonly type: 'ACK_TX'; readonly txId: string }
  | { readonly type: 'NEW_BLOCK'; readonly block: Block }
  | { readonly type: 'ACK_BLOCK'; readonly hash: string }
  | { readonly type: 'GET_BLOCKS'; readonly want: string; readonly locator: readonly string[] }
  | { readonly type: 'BLOCKS'; readonly blocks: readonly Block[] }

export type Message = MessagePayload & {
  readonly id: number
  readonly from: string
  readonly to: string
  /** The clock the sender sent it. */
  readonly sent: number
  /** The first clock the receiver may take it: sent + link latency. */
  readonly ready: number
}

/** Messages handled on arrival at no cost, even while the node is busy. */
export function isFreeOnArrival(message: MessagePayload): boolean {
  return message.type === 'ACK_TX' || message.type === 'ACK_BLOCK' || message.type === 'GET_BLOCKS'
}

/** What a message is about, for the event log: a transaction id or a block hash. */
export function messageSubject(message: MessagePayload): string {
  switch (message.type) {
    case 'NEW_TX':
      return message.tx.id
    case 'ACK_TX':
      return message.txId
    case 'NEW_BLOCK':
      return message.block.hash
    case 'ACK_BLOCK':
      return message.hash
    case 'GET_BLOCKS':
      return message.want
    case 'BLOCKS':
      return message.blocks.map((b) => b.hash).join(',')
  }
}
