import * as z from 'zod'
import type { Block } from '../../../core/chain/block'
import type { Transaction, TransferRequest } from '../../../core/chain/transaction'
import { STATUS_CODE, type NodeStatus } from '../../../core/node-status'
import type { PeerView } from '../../../core/snapshot-types'
import type { Dialect } from '../../../shared/api-types'
import { transferSchema } from '../../../shared/schemas'
import type { PostedKeyOrder } from './posted-key-order'
import { pythonJson } from './python-json'

/** What a route answers: JSON with a status, a bodiless 200, or a plain text 200. */
export type Reply =
  | { readonly status: number; readonly body: unknown }
  | { readonly empty: true }
  | { readonly text: string }

/** A peer as a node's API lists it: the lab's view of the link and the peer's API port. */
export interface PeerEntry extends PeerView {
  readonly port: number | null
}

/**
 * The node API's two wire formats. `readme` is the documented one (plus additive fields: a
 * transaction's id, a block's miner). `legacy` is what the earlier server really sent and
 * accepted, byte for byte, so that its test scripts and its web front-end work unchanged.
 */
export interface WireFormat {
  /** Writes a JSON body. */
  encode(body: unknown): string
  status(clock: number, status: NodeStatus): unknown
  block(block: Block): unknown
  chain(blocks: readonly Block[]): unknown
  pool(txs: readonly Transaction[]): unknown
  peers(peers: readonly PeerEntry[]): unknown
  /** What `start` and `reset` answer. */
  readonly done: Reply
  /** What an accepted transfer answers. */
  added(tx: Transaction): Reply
  /** What `peer/add` and `peer/clear` answer. */
  linked(peers: readonly PeerEntry[]): Reply
  /** The transfers the dialect accepts. */
  readonly transfer: z.ZodType<TransferRequest>
  /** Does `start` on a started node start it afresh (the earlier server made a new node)? */
  readonly restartsOnStart: boolean
}

const ok = (body: unknown): Reply => ({ status: 200, body })
const brief = ({ id, up, latency }: PeerEntry) => ({ id, up, latency })

const readme: WireFormat = {
  encode: (body) => JSON.stringify(body),
  status: (clock, status) => ({ clock, status }),
  block: (block) => block,
  chain: (blocks) => ({ length: blocks.length, blocks }),
  pool: (txs) => txs,
  peers: (peers) => ({ peers: peers.map(brief) }),
  done: ok({ result: 'success' }),
  added: (tx) => ok({ result: 'success', id: tx.id }),
  linked: (peers) => ok({ result: 'success', peers: peers.map(brief) }),
  transfer: transferSchema,
  restartsOnStart: false,
}

/** The earlier server's clients sent the amount as typed into a form: a string of digits. */
const legacyTransfer = transferSchema.extend({
  value: z.union(
    [
      z.number(),
      z
        .string()
        .regex(/^\d{1,15}$/)
        .transform(Number),
    ],
    {
      error: 'a number, or a string of at most 15 digits',
    },
  ),
})

function legacy(keys: PostedKeyOrder): WireFormat {
  const block = (b: Block) => ({
    id: b.id,
    transaction: b.transactions.map((tx) => keys.fields(tx)),
    previous_block_hash: b.previous_block_hash,
    nonce: b.nonce,
    timestamp: b.timestamp,
    hash: b.hash,
  })
  const success: Reply = { text: 'success' }
  return {
    encode: pythonJson,
    status: (clock, status) => ({ clock, status: STATUS_CODE[status] }),
    block,
    chain: (blocks) => blocks.map(block),
    pool: (txs) => txs.map((tx) => keys.fields(tx)),
    // The earlier server listed its peers as (address, port) pairs.
    peers: (peers) => peers.map((p) => ['127.0.0.1', p.port]),
    done: { empty: true },
    added: () => success,
    linked: () => success,
    transfer: legacyTransfer,
    restartsOnStart: true,
  }
}

/** Both wire formats; the legacy one lists transfers with the key order they were posted with. */
export function createWireFormats(keys: PostedKeyOrder): Readonly<Record<Dialect, WireFormat>> {
  return { readme, legacy: legacy(keys) }
}
