import type { AttackerView } from './attack/attacker-view'
import type { Transaction } from './chain/transaction'
import type { NodeStatus } from './node-status'

/**
 * A link as plain data: as states and the `links` query give it and the lab's overview lists it.
 * The one link type outside the engine's hot path (`shared/api-types` re-exports it).
 */
export interface LinkSummary {
  readonly a: string
  readonly b: string
  readonly up: boolean
  readonly latency: number
}

export interface PeerView {
  readonly id: string
  readonly up: boolean
  readonly latency: number
}

/** One node as a controller sees it at its clock. */
export interface NodeSnapshot {
  readonly id: string
  readonly started: boolean
  readonly clock: number
  readonly status: NodeStatus
  readonly height: number
  readonly tip: string
  readonly pool: readonly Transaction[]
  readonly peers: readonly PeerView[]
  readonly balances: Readonly<Record<string, number>>
  /** Work waiting: controller requests, a pending relay and messages in the inbox. */
  readonly queued: number
  readonly orphans: number
  /** An attacking node's strategy, phase and private lead; absent for an honest node. */
  readonly attack?: AttackerView
}

/** A block of a node's tree, with where it stands: enough to draw forks and abandoned branches. */
export interface TreeBlock {
  readonly hash: string
  readonly parent: string
  readonly height: number
  readonly miner: string | null
  readonly transactions: number
  readonly onMainChain: boolean
}
