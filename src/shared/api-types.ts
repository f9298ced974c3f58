import type { Attack, StrategyKind } from '../core/attack/attack-config'
import type { AttackerView } from '../core/attack/attacker-view'
import type { Block } from '../core/chain/block'
import type { Transaction } from '../core/chain/transaction'
import type { GenesisAllocation } from '../core/config'
import type { SequencedEvent } from '../core/events'
import type { NodeStatus } from '../core/node-status'
import type { LinkSummary, NodeSnapshot, TreeBlock } from '../core/snapshot-types'
import type { ExportFormat } from './export-formats'
import type { NetworkTick } from './network-tick'
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

/** What the main side pushes to the renderer and to `GET /api/events` subscribers. */
export interface LabEvents {
  /** A batch of engine events, in order. */
  engine: readonly SequencedEvent[]
  /** A new network replaced the old one (created, reset, branched): the whole overview. */
  network: NetworkInfo
  /** A command took effect (a step, a cut link, a switch): the overview in its compact form. */
  'network-tick': NetworkTick
  /** An HTTP call reached a node or the lab API. */
  'api-call': ApiCall
  /** The desktop app's menu asked for something only the window can do (File > Open). */
  menu: 'open-run'
  /** A verification running: commands re-executed so far. */
  'verify-progress': { readonly runId: number; readonly done: number; readonly total: number }
  /** An export being saved by the desktop app: lines written so far. */
  'export-progress': {
    readonly runId: number
    readonly format: ExportFormat
    readonly done: number
    readonly total: number
  }
  /** Recording stopped (and why) or resumed. */
  recording: RecordingState
  /** A sweep running: experiments done so far (0 as it starts, naming its id for a cancel). */
  'sweep-progress': {
    /** The sweep's id: POST /api/sweeps/:id/cancel stops it. */
    readonly sweepId: number
    readonly done: number
    readonly total: number
    readonly seconds: number
    /** Through a queue: the run just finished (its index in the sweep) and the worker that ran it. */
    readonly index?: number
    readonly worker?: string
  }
}

export type LabEventName = keyof LabEvents

/**
 * The events the main side forwards to every window (IPC) and event stream (SSE), each with its
 * payload as it is: every event but `menu`, which the desktop's menu sends to one window. A new
 * event is forwarded once it is named here; `Exclude` below makes forgetting it a type error.
 */
export const FORWARDED_EVENTS = [
  'engine',
  'network',
  'network-tick',
  'api-call',
  'sweep-progress',
  'verify-progress',
  'export-progress',
  'recording',
] as const satisfies readonly LabEventName[]

export type ForwardedEvent = (typeof FORWARDED_EVENTS)[number]

// Every event is either forwarded or the menu's own: a new one missing from the list fails here.
const _everyEventForwarded: Exclude<LabEventName, ForwardedEvent | 'menu'> extends never
  ? true
  : never = true
void _everyEventForwarded
