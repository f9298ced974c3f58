import type { AttackerState } from '../attack/attacker'
import type { Block } from '../chain/block'
import type { Transaction } from '../chain/transaction'
import type { NodeStatus } from '../node-status'
import type { Activity, Work } from '../node/work'
import type { RandomState } from '../random'
import type { LinkSummary } from '../snapshot-types'
import type { Message } from './message'

/** A node's whole state, as plain data: enough to resume it exactly. */
export interface NodeState {
  readonly id: string
  readonly started: boolean
  readonly clock: number
  readonly status: NodeStatus
  /** Every block the node accepted, by hash, in the order it accepted them (genesis first). */
  readonly blocks: readonly string[]
  /** The main chain's tip; on a tie it is not always the last of `blocks`. */
  readonly tip: string
  /** Blocks waiting for their parent, by hash, in arrival order. */
  readonly orphans: readonly string[]
  readonly pool: readonly Transaction[]
  readonly requests: readonly { readonly work: Work; readonly ready: number }[]
  readonly followUp: Work | null
  /** Peers the node has yet to announce its tip to; absent in states saved before there were any. */
  readonly announcements?: readonly string[]
  readonly inbox: readonly Message[]
  readonly activity: Activity | null
  readonly begunFor: number
  readonly submissions: number
  readonly random: RandomState
  /** Null stands for never (JSON has no Infinity). */
  readonly nextMineAt: number | null
  readonly nextTxAt: number | null
  /** The automatic miner's and the workload's chances per clock, as last set. */
  readonly mineChance: number
  readonly txChance: number
  /** An attacker's private branch and strategy state; absent for an honest node. */
  readonly attack?: AttackerState
}

/**
 * How far a node's block list went at an earlier checkpoint: `count` blocks of its tree number
 * `tree` (a node's tree starts over, with a new number, when the node is reset).
 */
export interface BlocksMark {
  readonly tree: number
  readonly count: number
}

/** A node in a checkpoint: its state, with only the blocks accepted since an earlier mark. */
export interface NodeCheckpoint extends Omit<NodeState, 'blocks'> {
  readonly tree: number
  /** How many of the tree's blocks come before `blocks` (0: `blocks` is the whole list). */
  readonly blocksFrom: number
  /** The blocks accepted after the first `blocksFrom`, by hash, in order. */
  readonly blocks: readonly string[]
}

/**
 * The state for a recorder's checkpoint: no blocks themselves (the recorder keeps every block
 * already) and each node's block list only from where the last checkpoint left it, so taking
 * one costs what changed, not the whole chain.
 */
export interface CheckpointState extends Omit<NetworkState, 'blocks' | 'nodes'> {
  readonly nodes: readonly NodeCheckpoint[]
}

/** A network's whole state (or a shard's: its owned nodes), as plain JSON-safe data. */
export interface NetworkState {
  readonly version: 1
  readonly links: readonly LinkSummary[]
  readonly started: readonly string[]
  readonly messageSeq: readonly (readonly [string, number])[]
  readonly nodes: readonly NodeState[]
  /** Every block any node holds, once. */
  readonly blocks: Readonly<Record<string, Block>>
}
