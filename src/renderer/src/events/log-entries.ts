import {
  BLOCK_REFUSAL_TEXT,
  DROP_REASONS,
  TX_REFUSAL_TEXT,
  type EngineEventKind,
} from '../../../shared/engine-terms'
import type { SequencedEvent } from '../../../shared/api-types'

/** What the event log groups events by: the filter's checkboxes. */
export type LogKind =
  'mined' | 'accepted' | 'refused' | 'reorg' | 'dropped' | 'tx' | 'link' | 'attack'

export const LOG_KINDS: readonly { kind: LogKind; label: string; letter: string }[] = [
  { kind: 'mined', label: 'blocks mined', letter: 'M' },
  { kind: 'accepted', label: 'blocks accepted', letter: 'A' },
  { kind: 'refused', label: 'blocks refused or held', letter: 'R' },
  { kind: 'reorg', label: 'reorganisations', letter: 'O' },
  { kind: 'dropped', label: 'messages dropped', letter: 'D' },
  { kind: 'tx', label: 'transactions refused or evicted', letter: 'T' },
  { kind: 'link', label: 'links cut and healed', letter: 'L' },
  { kind: 'attack', label: 'attacks: blocks withheld and published', letter: 'X' },
]

const KIND_OF: Partial<Record<EngineEventKind, LogKind>> = {
  'block.mined': 'mined',
  'block.accepted': 'accepted',
  'block.refused': 'refused',
  'block.orphaned': 'refused',
  'chain.reorg': 'reorg',
  'message.dropped': 'dropped',
  'tx.refused': 'tx',
  'tx.evicted': 'tx',
  'link.cut': 'link',
  'link.healed': 'link',
  'link.added': 'link',
  'link.removed': 'link',
  'attack.withheld': 'attack',
  'attack.published': 'attack',
  'attack.abandoned': 'attack',
}

/** The engine event kinds the log shows, for asking a saved run for them alone. */
export const LOGGED_EVENT_KINDS = Object.keys(KIND_OF) as EngineEventKind[]

/**
 * The drop reasons the log shows: all but a message the receiver already had (see logKindOf).
 * A saved run is asked for those drops alone: a 2,000-node run's logged kinds were nine in ten
 * drops of a message already had, 786,000 events in 79 pages loaded to show 100,000.
 */
export const LOGGED_DROP_REASONS = DROP_REASONS.filter((reason) => reason !== 'known')
const LOGGED_DROPS: ReadonlySet<string> = new Set(LOGGED_DROP_REASONS)

/**
 * The log's group of an event, or null for events it leaves out: statuses, messages sent and
 * delivered (the graph animates those), and drops of a message the receiver already had, which
 * are how gossip ends, not a loss (every relayed block ends in a few of them).
 */
export function logKindOf(event: SequencedEvent): LogKind | null {
  if (event.kind === 'message.dropped' && !LOGGED_DROPS.has(event.reason)) return null
  return KIND_OF[event.kind] ?? null
}

export const short = (hash: string): string => hash.slice(0, 8)

/** The block an entry is about, to select in the block tree. */
export function blockOf(event: SequencedEvent): string | null {
  switch (event.kind) {
    case 'block.mined':
    case 'block.refused':
      return event.block.hash
    case 'block.accepted':
    case 'block.orphaned':
      return event.block.hash
    case 'chain.reorg':
      return event.newTip
    case 'attack.withheld':
      return event.block.hash
    case 'attack.published':
      return event.blocks[event.blocks.length - 1]?.hash ?? null
    default:
      return null
  }
}

const heights = (blocks: readonly { height: number }[]): string =>
  blocks.length === 1
    ? `#${blocks[0]?.height}`
    : `#${blocks[0]?.height}–#${blocks[blocks.length - 1]?.height}`

/** Why an attacker published, in the words of its strategy (docs/attacks.md). */
const PUBLISH_TEXT: Readonly<Record<string, string>> = {
  match: 'matching an honest block, a tie',
  override: 'its lead of one orphans the honest block',
  'publish-one': 'one block per honest block, keeping its lead',
  'win-tie': 'its branch of two wins the tie',
  overtake: 'its branch is longer than the public chain: the payment is reversed',
  'feed-victim': 'the eclipsed victim sees only this chain',
}

/** Why an attacker published, in words (the rule's name when it is not one the log knows). */
export const publishReason = (rule: string): string => PUBLISH_TEXT[rule] ?? rule

const TX = (tx: { sender: string | null; recipient: string; value: number }) =>
  `${tx.sender ?? 'genesis'} → ${tx.recipient}: ${tx.value}`

/** One line of plain words for an event the log shows. */
export function describeEvent(event: SequencedEvent): string {
  switch (event.kind) {
    case 'block.mined':
      return `mined block #${event.block.id} ${short(event.block.hash)} with ${event.block.transactions.length} tx`
    case 'block.accepted':
      return `accepted #${event.block.height} ${short(event.block.hash)} by ${event.block.miner ?? 'genesis'} from ${event.from ?? 'itself'}${event.onMainChain ? '' : ', off its main chain (a fork)'}`
    case 'block.refused':
      return `refused #${event.block.id} ${short(event.block.hash)} from ${event.from ?? 'itself'}: ${BLOCK_REFUSAL_TEXT[event.reason]}`
    case 'block.orphaned':
      return `held #${event.block.height} ${short(event.block.hash)} from ${event.from}: its parent is unknown yet`
    case 'chain.reorg':
      return `reorganised ${event.depth} deep: abandoned ${event.abandoned.map(short).join(', ') || 'none'}, adopted ${event.adopted.map(short).join(', ')}`
    case 'message.dropped':
      return `dropped ${event.type} from ${event.from}: ${DROP_TEXT[event.reason]}`
    case 'tx.refused':
      return `refused tx ${TX(event.tx)}: ${TX_REFUSAL_TEXT[event.reason]}`
    case 'tx.evicted':
      return `evicted tx ${TX(event.tx)} from its pool: no longer affordable on its chain`
    case 'link.cut':
      return `link to ${event.peer} cut`
    case 'link.healed':
      return `link to ${event.peer} healed: both ends announce their tips`
    case 'link.added':
      return `link to ${event.peer} added`
    case 'link.removed':
      return `link to ${event.peer} removed`
    case 'attack.withheld':
      return `withheld its block #${event.block.height} ${short(event.block.hash)}: kept from the network`
    case 'attack.published':
      return `published ${event.blocks.length} withheld block${event.blocks.length === 1 ? '' : 's'} (${heights(event.blocks)}) ${event.to ? `to ${event.to} alone` : 'to every peer'}: ${publishReason(event.rule)}`
    case 'attack.abandoned':
      return `abandoned ${event.blocks.length} private block${event.blocks.length === 1 ? '' : 's'}: ${event.rule === 'gave-up' ? '20 blocks behind, it gives up' : 'the public chain overtook them'}`
    default:
      return event.kind
  }
}

const DROP_TEXT = {
  known: 'already known',
  'link-cut': 'the link was cut',
  'no-link': 'no link to the sender',
  reset: 'the node was reset',
  'not-started': 'the node is not started',
} as const

export interface LogFilter {
  readonly kinds: ReadonlySet<LogKind>
  /** Only this node's entries, or every node's (null). */
  readonly node: string | null
}

export const ALL_KINDS: ReadonlySet<LogKind> = new Set(LOG_KINDS.map((k) => k.kind))

export function filterLog(
  entries: readonly SequencedEvent[],
  filter: LogFilter,
): readonly SequencedEvent[] {
  if (filter.node === null && filter.kinds.size === ALL_KINDS.size) return entries
  return entries.filter((e) => {
    const kind = logKindOf(e)
    return (
      kind !== null && filter.kinds.has(kind) && (filter.node === null || e.node === filter.node)
    )
  })
}
