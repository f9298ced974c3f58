import type { Block } from '../chain/block'
import type { ChainEntry, HeldEntries } from '../chain/block-tree'
import type { EngineEvent } from '../events'
import type { EventLog } from '../event-log'
import type { EventFilter } from '../event-filter'
import type { Deliveries } from '../network/deliveries'
import type { MessagePayload } from '../network/message'

/**
 * What a node needs from its network: the only way it reaches anything outside itself. Nodes are
 * named by their index in the network's node order wherever the engine's hot path is concerned.
 * Its `delivered`, `status` and `dropped` are the event log's own: the commonest events, kept as
 * the log's columns rather than made as objects.
 */
export interface NodeContext extends Pick<EventLog, 'delivered' | 'status' | 'dropped'> {
  readonly difficulty: number
  readonly epochMs: number
  emit(event: EngineEvent): void
  /** Which events anyone observes: a hot path asks before it builds one. */
  readonly observed: EventFilter
  /** Sends to one peer; `sent` is the clock the message leaves. */
  send(from: number, to: string, payload: MessagePayload, sent: number): void
  /** Sends to every peer. */
  broadcast(from: number, payload: MessagePayload, sent: number): void
  /** Whether the link from `from` to the node at index `to` is there and up. */
  isLinkUp(from: string, to: number): boolean
  /** Orders messages that become ready in the same clock: by sender, then by id. */
  indexOf(node: string): number
  /** The name of the node at an index. */
  idOf(index: number): string
  /** The messages in flight to the network's nodes, by the clock they become ready. */
  readonly deliveries: Deliveries
}

/** What drives a node by itself: automatic mining and a transaction workload (both optional). */
export interface NodeTraits {
  /** Chance per idle clock of starting to mine (0: only when asked). */
  readonly mineChance: number
  /** Chance per clock of a workload transfer arriving at this node (0: none). */
  readonly txChance: number
  readonly accounts: readonly string[]
  readonly minValue: number
  readonly maxValue: number
  /** The node's own random stream, so a node draws the same numbers in any thread. */
  readonly seed: number
}

export const PASSIVE: NodeTraits = {
  mineChance: 0,
  txChance: 0,
  accounts: [],
  minValue: 1,
  maxValue: 1,
  seed: 0,
}

/**
 * Where a resumed node's accepted blocks come from: listed in its state (`block` looks them up by
 * hash, `shared` holds the entries the nodes of one checkpoint have in common), or held by
 * whoever stored the run, in which case the state's `blocks` list is not read.
 */
export type TreeSource =
  | { readonly block: (hash: string) => Block; readonly shared?: Map<string, ChainEntry> }
  | { readonly block: (hash: string) => Block; readonly held: HeldEntries }
