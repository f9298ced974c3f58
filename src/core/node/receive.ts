import type { Block } from '../chain/block'
import type { AddBlockResult, BlockTree, ChainEntry } from '../chain/block-tree'
import { blockRef, type Origin } from '../events'
import { messageSubject, type Message, type MessagePayload } from '../network/message'
import type { NodeContext } from './node-context'
import type { TxPool } from './tx-pool'
import type { BlockMessage, TxMessage, Work } from './work'

/** The parts of a node that receiving a transaction or blocks reads and changes. */
export interface Receiver {
  readonly id: string
  readonly index: number
  readonly tree: BlockTree
  readonly pool: TxPool
  readonly ctx: NodeContext
}

/** Receives a transaction (from a peer or a controller); returns its relay, if it is accepted. */
export function receiveTx(
  node: Receiver,
  work: Extract<Work, { kind: 'receive-tx' }>,
  t: number,
): Work | null {
  const origin: Origin = work.message ? { peer: work.message.from } : { controller: true }
  if (work.message) ack(node, work.message, t)
  const refusal = node.tree.hasTransaction(work.tx.id)
    ? 'duplicate'
    : node.pool.add(work.tx, node.tree.tip.balances)
  if (refusal !== null) {
    node.ctx.emit({
      kind: 'tx.refused',
      clock: t,
      node: node.id,
      tx: work.tx,
      origin,
      reason: refusal,
    })
    return null
  }
  node.ctx.emit({ kind: 'tx.accepted', clock: t, node: node.id, tx: work.tx, origin })
  return { kind: 'broadcast-tx', tx: work.tx }
}

/** Receives a block or a batch of them; returns the relay of the highest one added, if any. */
export function receiveBlocks(node: Receiver, message: BlockMessage, t: number): Work | null {
  ack(node, message, t)
  const blocks = message.type === 'NEW_BLOCK' ? [message.block] : message.blocks
  let highest: ChainEntry | null = null
  for (const block of blocks) {
    const result = node.tree.add(block)
    if (result.kind === 'orphan') {
      node.ctx.emit({
        kind: 'block.orphaned',
        clock: t,
        node: node.id,
        block: blockRef(block),
        from: message.from,
      })
      // Only a single new block asks for its ancestors: a reply that is itself incomplete would
      // otherwise start an endless exchange with a peer that cannot fill the gap.
      if (message.type === 'NEW_BLOCK') {
        const payload = {
          type: 'GET_BLOCKS',
          want: block.previous_block_hash,
          locator: node.tree.locator(),
        } as const
        node.ctx.send(node.index, message.from, payload, t + 1)
      }
    }
    for (const entry of applyBlockResult(node, result, block, message.from, t))
      if (!highest || entry.height > highest.height) highest = entry
  }
  return highest ? { kind: 'broadcast-block', block: highest.block } : null
}

/** Records the outcome of adding a block and keeps the pool consistent with the main chain. */
export function applyBlockResult(
  node: Receiver,
  result: AddBlockResult,
  block: Block,
  from: string | null,
  t: number,
): readonly ChainEntry[] {
  const { ctx, tree } = node
  if (result.kind === 'refused') {
    ctx.emit({ kind: 'block.refused', clock: t, node: node.id, block, from, reason: result.reason })
    return []
  }
  if (result.kind !== 'accepted') return []
  for (const { block: refused, reason } of result.refused)
    ctx.emit({ kind: 'block.refused', clock: t, node: node.id, block: refused, from, reason })
  const change = result.tipChange
  const returned = change ? rebuildPool(node, change.abandoned, t) : []
  for (const entry of result.added) {
    ctx.emit({
      kind: 'block.accepted',
      clock: t,
      node: node.id,
      block: blockRef(entry.block),
      from,
      onMainChain: tree.isOnMainChain(entry),
    })
  }
  if (change && change.abandoned.length > 0) {
    ctx.emit({
      kind: 'chain.reorg',
      clock: t,
      node: node.id,
      oldTip: change.oldTip.block.hash,
      newTip: change.newTip.block.hash,
      depth: change.abandoned.length,
      abandoned: change.abandoned.map((e) => e.block.hash),
      adopted: change.adopted.map((e) => e.block.hash),
      returned,
    })
  }
  return result.added
}

/**
 * After the main chain moved: transactions of abandoned blocks go back to the pool where still
 * valid, what the new chain includes leaves it, and what no longer fits is evicted.
 * Returns the ids of the transactions that came back.
 */
function rebuildPool(node: Receiver, abandoned: readonly ChainEntry[], t: number): string[] {
  const { pool, tree } = node
  const before = pool.all()
  const candidates = [...[...abandoned].reverse().flatMap((e) => e.block.transactions), ...before]
  pool.clear()
  const tip = tree.tip
  const returned: string[] = []
  const wasPooled = new Set(before.map((tx) => tx.id))
  for (const tx of candidates) {
    if (tree.isTransactionOnMainChain(tx.id) || pool.has(tx.id)) continue
    if (pool.add(tx, tip.balances) === null) {
      if (!wasPooled.has(tx.id)) returned.push(tx.id)
    } else if (wasPooled.has(tx.id)) {
      node.ctx.emit({ kind: 'tx.evicted', clock: t, node: node.id, tx })
    }
  }
  return returned
}

function ack(node: Receiver, message: BlockMessage | TxMessage, t: number): void {
  const payload: MessagePayload =
    message.type === 'NEW_TX'
      ? { type: 'ACK_TX', txId: message.tx.id }
      : { type: 'ACK_BLOCK', hash: messageSubject(message as Message) }
  node.ctx.send(node.index, message.from, payload, t + 1)
}
