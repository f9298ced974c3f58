import type { Attack, StrategyKind } from '../core/attack/attack-config'
import type { AttackerView } from '../core/attack/attacker-view'
import type { Block } from '../core/chain/block'
import type { Transaction } from '../core/chain/transaction'
import type { GenesisAllocation } from '../core/config'
import type { SequencedEvent } from '../core/events'
import type { NodeStatus } from '../core/node-status'
import type { LinkSummary, NodeSnapshot, TreeBlock } from '../core/snapshot-types'
import type { RecordingState } from './database-types'

export type {
  Attack,
  AttackerView,
  Block,
  GenesisAllocation,
  LinkSummary,
  NodeSnapshot,
  NodeStatus,
  SequencedEvent,
  Transaction,
  TreeBlock,
}

/** The node API's wire format: the README's (default) or the earlier server's. */
export type Dialect = 'readme' | 'legacy'

/** One node as the network overview shows it. */
export interface NodeSummary {
  readonly id: string
  readonly port: number | null
  readonly started: boolean
  readonly clock: number
  readonly status: NodeStatus
  readonly height: number
  readonly tip: string
  readonly pool: number
  /** What an attacking node follows (docs/attacks.md); absent for an honest node. */
  readonly strategy?: Exclude<StrategyKind, 'honest'>
}

/** The live network: what `GET /api/network` answers. */
export interface NetworkInfo {
  readonly clock: number
  readonly started: boolean
  readonly dialect: Dialect
  readonly topology: string
  readonly seed: number
  readonly difficulty: number
  readonly latency: number
  /** Automatic mining's target interval in clocks, or null when off. */
  readonly autoMine: number | null
  /** The workload's transfers per clock, or null when off. */
  readonly workload: number | null
  readonly genesis: readonly GenesisAllocation[]
  readonly accounts: readonly string[]
  readonly nodes: readonly NodeSummary[]
  readonly links: readonly LinkSummary[]
  /** The attack some nodes carry out (null: every node honest). */
  readonly attack: Attack | null
  /** How the nodes are hosted: in the main thread or across worker threads. */
  readonly hosting: { readonly mode: 'in-process' | 'workers'; readonly workers: number }
  /** Whether runs are being recorded (answered by `/api/network`; the `recording` event says when it changes). */
  readonly recording?: RecordingState
}

export type TxResult =
  | { readonly result: 'success'; readonly tx: Transaction }
  | { readonly result: 'fail'; readonly code: string; readonly reason: string }

/** Who asked for a command: recorded with it, and shown in the UI's API log. */
export type CommandOrigin = 'node-api' | 'lab-api' | 'desktop' | 'scenario'

/** A call an external tool (or the UI) made, for the live API log. */
export interface ApiCall {
  readonly at: string
  readonly origin: CommandOrigin
  readonly node: string | null
  readonly method: string
  readonly path: string
  readonly status: number
}
