import { isFreeOnArrival, type Message, type MessagePayload } from '../network/message'
import { createMessage } from '../network/message-records'
import type { Attacker } from '../attack/attacker'
import type { Inbox } from './inbox'
import type { Receiver } from './receive'

/** The parts of a node that taking arrivals reads and changes. */
export interface ArrivalNode extends Receiver {
  readonly inbox: Inbox
  readonly attacker: Attacker | null
}

/**
 * Handles what arrived by clock t: acks and block requests at no cost, news the node already
 * knows (or that came over a link since cut) dropped, the rest kept in the inbox for the node to
 * receive when free. What arrived is the inbox's ready prefix (messages kept earlier, or resumed
 * from a state) merged with the network's messages in flight ready by t, in the order a node takes
 * messages: ready clock, sent clock, sender's place, id. Only what is kept becomes a message
 * object; the rest is handled from the network's columns.
 */
export function takeArrivals(node: ArrivalNode, t: number): void {
  const { inbox, ctx } = node
  const waiting = inbox.readyCount(t)
  const inFlight = ctx.deliveries.firstReady(node.index) <= t
  if (!inFlight && waiting === 0) return
  const items = inbox.items
  const kept: Message[] = []
  const downs = ctx.deliveries.linkDowns
  // Messages kept earlier had their links up when last checked: still so if none went down since.
  const checked = inbox.checkedAt === downs
  let p = 0
  if (inFlight)
    ctx.deliveries.take(node.index, t, (payload, from, id, sent, ready, linkUp) => {
      while (p < waiting && comesFirst(node, items[p] as Message, ready, sent, from, id))
        takeWaiting(node, items[p++] as Message, checked, t, kept)
      const up = linkUp || ctx.isLinkUp(ctx.idOf(from), node.index)
      if (arrive(node, payload, from, null, id, up, t))
        kept.push(keptInFlight(node, payload, from, id, sent, ready))
    })
  while (p < waiting) takeWaiting(node, items[p++] as Message, checked, t, kept)
  if (waiting > 0) items.splice(0, waiting, ...kept)
  else if (kept.length > 0) items.unshift(...kept)
  // Everything kept was just found with its link up; a message resumed for later was not.
  inbox.checkedAt = items.length === kept.length ? downs : -1
}

function comesFirst(
  node: ArrivalNode,
  message: Message,
  ready: number,
  sent: number,
  from: number,
  id: number,
): boolean {
  return (
    (message.ready - ready ||
      message.sent - sent ||
      node.ctx.indexOf(message.from) - from ||
      message.id - id) < 0
  )
}

function takeWaiting(
  node: ArrivalNode,
  message: Message,
  checked: boolean,
  t: number,
  kept: Message[],
): void {
  const up = checked || node.ctx.isLinkUp(message.from, node.index)
  if (arrive(node, message, -1, message.from, message.id, up, t)) kept.push(message)
}

/** A message in flight that the node keeps, as a message object. */
function keptInFlight(
  node: ArrivalNode,
  payload: MessagePayload,
  from: number,
  id: number,
  sent: number,
  ready: number,
): Message {
  return createMessage(payload, id, node.ctx.idOf(from), node.id, sent, ready)
}

/**
 * Handles one arrival from the sender at index `from` (or named `name`); returns whether the node
 * keeps it to receive.
 */
function arrive(
  node: ArrivalNode,
  payload: MessagePayload,
  from: number,
  name: string | null,
  id: number,
  up: boolean,
  t: number,
): boolean {
  if (!up) drop(node, payload, name ?? from, id, 'link-cut', t)
  else if (isFreeOnArrival(payload)) answer(node, payload, name ?? from, id, t)
  else if (isKnown(node, payload)) {
    // An eclipse attacker learns that its victim has the network's chain from the victim's relay
    // of blocks it knows already (attacker.ts).
    if (node.attacker && (payload.type === 'NEW_BLOCK' || payload.type === 'BLOCKS'))
      node.attacker.onKnownBlocks(
        node.tree,
        payload.type === 'NEW_BLOCK' ? [payload.block] : payload.blocks,
        name ?? node.ctx.idOf(from),
        t,
      )
    drop(node, payload, name ?? from, id, 'known', t)
  } else return true
  return false
}

function isKnown(node: ArrivalNode, payload: MessagePayload): boolean {
  switch (payload.type) {
    case 'NEW_TX':
      return node.pool.has(payload.tx.id) || node.tree.hasTransaction(payload.tx.id)
    case 'NEW_BLOCK':
      return node.tree.hasBlock(payload.block.hash)
    case 'BLOCKS':
      return payload.blocks.every((b) => node.tree.hasBlock(b.hash))
    default:
      return false
  }
}

/** Answers a message free on arrival from the sender at that index or of that name. */
function answer(
  node: ArrivalNode,
  payload: MessagePayload,
  peer: number | string,
  id: number,
  t: number,
): void {
  emitDelivered(node, payload, peer, id, t)
  if (payload.type === 'GET_BLOCKS') {
    // Answering costs no clock, but the reply leaves at the next clock: a message produced while
    // handling clock t must not reach a node that may already have looked at its inbox for t.
    const blocks = node.tree.blocksSince(payload.want, payload.locator)
    const to = typeof peer === 'string' ? peer : node.ctx.idOf(peer)
    node.ctx.send(node.index, to, { type: 'BLOCKS', blocks }, t + 1)
  }
}

/** Drops a message from the sender at that index or of that name. */
function drop(
  node: ArrivalNode,
  payload: MessagePayload,
  from: number | string,
  id: number,
  reason: 'known' | 'link-cut',
  t: number,
): void {
  const { ctx } = node
  if (!ctx.observed.dropped) return
  ctx.dropped(
    t,
    node.index,
    typeof from === 'number' ? from : ctx.indexOf(from),
    id,
    payload,
    reason,
  )
}

/**
 * A message delivered to the node (taken to work on, or answered on arrival), from the sender at
 * that index or of that name.
 */
export function emitDelivered(
  node: Receiver,
  payload: MessagePayload,
  from: number | string,
  id: number,
  t: number,
): void {
  const { ctx } = node
  if (!ctx.observed.delivered) return
  ctx.delivered(t, node.index, typeof from === 'number' ? from : ctx.indexOf(from), id, payload)
}
