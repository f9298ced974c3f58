import type { Message, MessagePayload } from './message'

/**
 * A message: its payload's fields, then its envelope. Built field by field rather than spread,
 * one shape per type; the fields come in the order states and the worker protocol have always
 * listed them (payload first), and a block or transaction is shared, never copied.
 */
export function createMessage(
  payload: MessagePayload,
  id: number,
  from: string,
  to: string,
  sent: number,
  ready: number,
): Message {
  switch (payload.type) {
    case 'NEW_BLOCK':
      return { type: payload.type, block: payload.block, id, from, to, sent, ready }
    case 'ACK_BLOCK':
      return { type: payload.type, hash: payload.hash, id, from, to, sent, ready }
    case 'NEW_TX':
      return { type: payload.type, tx: payload.tx, id, from, to, sent, ready }
    case 'ACK_TX':
      return { type: payload.type, txId: payload.txId, id, from, to, sent, ready }
    case 'GET_BLOCKS':
      return {
        type: payload.type,
        want: payload.want,
        locator: payload.locator,
        id,
        from,
        to,
        sent,
        ready,
      }
    case 'BLOCKS':
      return { type: payload.type, blocks: payload.blocks, id, from, to, sent, ready }
  }
}
