import type { Block } from '../chain/block'
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

const news = new WeakMap<Block, MessagePayload>()

/**
 * The news of a block, one object per block (blocks and payloads are immutable): every relay of
 * it then carries the same payload, which stays in cache while a block crosses the network.
 */
export function blockNews(block: Block): MessagePayload {
  let payload = news.get(block)
  if (!payload) {
    payload = { type: 'NEW_BLOCK', block }
    news.set(block, payload)
  }
  return payload
}
