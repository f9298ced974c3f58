import type { Block, BlockRefusal } from './chain/block'
import type { Transaction, TxRefusal } from './chain/transaction'
import type { MessageType } from './network/message'
import type { NodeStatus } from './node-status'

/**
 * A block named in an event. Nodes accept each block once, so a run holds many acceptances per
 * block: they carry this brief form, and the whole block travels once, in block.mined.
 */
export interface BlockRef {
  readonly hash: string
  readonly height: number
  readonly parent: string
  readonly miner: string | null
  readonly transactions: number
}

const refs = new WeakMap<Block, BlockRef>()

/**
 * The brief of a block, one object per block (blocks are immutable): the thousand acceptances of
 * a block then share it, and the recorder writes its JSON once a chunk without making it again.
 */
export function blockRef(block: Block): BlockRef {
  let ref = refs.get(block)
  if (!ref) {
    ref = {
      hash: block.hash,
      height: block.id,
      parent: block.previous_block_hash,
      miner: block.miner,
      transactions: block.transactions.length,
    }
    refs.set(block, ref)
  }
  return ref
}

/**
 * Why a message never reached its receiver's processing, in the order recordings number them
 * (event-log.ts): a reason is only ever added at the end.
 */
export const DROP_REASONS = ['known', 'link-cut', 'no-link', 'reset', 'not-started'] as const
export type DropReason = (typeof DROP_REASONS)[number]

/** Where a transaction came from: a controller (API, UI, scenario), the workload or a peer. */
export type Origin =
  { readonly controller: true } | { readonly workload: true } | { readonly peer: string }

interface Base {
  /** The clock of the node the event happened on. */
  readonly clock: number
  readonly node: string
}

/**
 * Everything that happens in a network, in one typed stream. The recorder stores it, the UI draws
 * it and the tests read it; nothing observes the engine any other way.
 */
export type EngineEvent =
  | (Base & { readonly kind: 'node.started' })
  | (Base & { readonly kind: 'node.reset' })
  | (Base & {
      readonly kind: 'node.status'
      readonly status: NodeStatus
      readonly previous: NodeStatus
    })
  | (Base & { readonly kind: 'mine.requested' })
  | (Base & {
      readonly kind: 'message.sent'
      readonly id: number
      readonly type: MessageType
      readonly to: string
      readonly subject: string
      readonly ready: number
    })
  | (Base & {
      readonly kind: 'message.delivered'
      readonly id: number
      readonly type: MessageType
      readonly from: string
      readonly subject: string
    })
  | (Base & {
      readonly kind: 'message.dropped'
      readonly id: number
      readonly type: MessageType
      readonly from: string
      readonly subject: string
      readonly reason: DropReason
    })
  | (Base & { readonly kind: 'block.mined'; readonly block: Block })
  | (Base & {
      readonly kind: 'block.accepted'
      /** The block in brief: it was announced whole, once, by its block.mined event. */
      readonly block: BlockRef
      readonly from: string | null
      readonly onMainChain: boolean
    })
  | (Base & {
      readonly kind: 'block.refused'
      readonly block: Block
      readonly from: string | null
      readonly reason: BlockRefusal
    })
  | (Base & { readonly kind: 'block.orphaned'; readonly block: BlockRef; readonly from: string })
  | (Base & { readonly kind: 'tx.accepted'; readonly tx: Transaction; readonly origin: Origin })
  | (Base & {
      readonly kind: 'tx.refused'
      readonly tx: Transaction
      readonly origin: Origin
      readonly reason: TxRefusal
    })
  | (Base & { readonly kind: 'tx.evicted'; readonly tx: Transaction })
  | (Base & {
      readonly kind: 'chain.reorg'
      readonly oldTip: string
      readonly newTip: string
      readonly depth: number
      readonly abandoned: readonly string[]
      readonly adopted: readonly string[]
      readonly returned: readonly string[]
    })
  | (Base & {
      readonly kind: 'link.cut' | 'link.healed' | 'link.added' | 'link.removed'
      readonly peer: string
    })
  /** An attacker keeps a block it mined from the network (docs/attacks.md). */
  | (Base & { readonly kind: 'attack.withheld'; readonly block: BlockRef })
  /**
   * An attacker publishes withheld blocks, to every peer or (eclipse) to its victim alone; `rule`
   * is the step of its strategy that decided it.
   */
  | (Base & {
      readonly kind: 'attack.published'
      readonly blocks: readonly BlockRef[]
      readonly rule: string
      readonly to: string | null
    })
  /** An attacker drops its private branch: overtaken (selfish) or 20 blocks behind (double spend). */
  | (Base & {
      readonly kind: 'attack.abandoned'
      readonly blocks: readonly string[]
      readonly rule: string
    })

export type EngineEventKind = EngineEvent['kind']

/** An event with its place in the run's stream. */
export type SequencedEvent = EngineEvent & { readonly seq: number }

export const ENGINE_EVENT_KINDS: readonly EngineEventKind[] = [
  'node.started',
  'node.reset',
  'node.status',
  'mine.requested',
  'message.sent',
  'message.delivered',
  'message.dropped',
  'block.mined',
  'block.accepted',
  'block.refused',
  'block.orphaned',
  'tx.accepted',
  'tx.refused',
  'tx.evicted',
  'chain.reorg',
  'link.cut',
  'link.healed',
  'link.added',
  'link.removed',
  'attack.withheld',
  'attack.published',
  'attack.abandoned',
]
