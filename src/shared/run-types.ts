import type { Block } from '../core/chain/block'
import type { SequencedEvent } from '../core/events'
import type { MessageType } from '../core/network/message'
import type { NodeStatus } from '../core/node-status'
import type { NodeSnapshot, TreeBlock } from '../core/snapshot-types'
import type { Dialect } from './api-types'

/** A run as lists show it: recording now, ended, or cut short when its process died. */
export const RUN_STATUSES = ['live', 'finished', 'interrupted'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

/** A recorded run as the runs list shows it. */
export interface RunSummary {
  readonly id: number
  readonly name: string
  readonly notes: string
  readonly created: string
  readonly ended: string | null
  readonly status: RunStatus
  /** The last clock recorded. */
  readonly clocks: number
  readonly nodes: number
  readonly blocks: number
  readonly events: number
  readonly commands: number
  readonly dialect: Dialect
  readonly parentRunId: number | null
  readonly branchClock: number | null
  /**
   * Set when the stored run cannot be read (a config that does not parse, an unknown status):
   * why. Such a run is listed and can be deleted; reading it answers `run-damaged`.
   */
  readonly damaged?: string
}

/** One node of a saved run at a clock: what its API answered then, main chain included. */
export interface NodeAtClock extends NodeSnapshot {
  readonly chain: readonly Block[]
  /** The blocks it knew then within 200 heights of its tip, forks included. */
  readonly tree: readonly TreeBlock[]
}

export interface RunState {
  readonly runId: number
  readonly clock: number
  /**
   * A fingerprint of the clock's links: every node in order, its peers, which are up and their
   * latencies. Links change seldom, so a caller that holds a state passes it back (the request's
   * `links`) and gets the nodes without their peers while they stay the same (`samePeers`).
   */
  readonly links: string
  /**
   * Set when the request's `links` matched: every node's `peers` is left empty, and is the same
   * as in the answer the caller holds (at 2,000 nodes, the peers are most of the answer).
   */
  readonly samePeers?: true
  readonly nodes: readonly NodeAtClock[]
}

export interface EventPage {
  readonly events: readonly SequencedEvent[]
  /** Pass as `cursor` for the next page; null on the last page. */
  readonly next: number | null
}

export type VerifyResult =
  | { readonly identical: true; readonly events: number; readonly commands: number }
  | {
      readonly identical: false
      readonly events: number
      readonly divergence: {
        readonly seq: number
        readonly command: number
        readonly recorded: SequencedEvent | null
        readonly replayed: SequencedEvent | null
      }
      /**
       * Set when the run's attackers were recorded by an older version of them than today's
       * (ATTACK_ENGINE_VERSION): the mismatch is a changed attacker, not a damaged recording.
       * `recorded` is null for runs from before versions were recorded (older than 3).
       */
      readonly olderEngine?: { readonly recorded: number | null; readonly current: number }
    }

/** A stretch of clocks of a run, summarised for the charts. */
export interface SeriesBucket {
  /** The bucket's first clock, where the charts draw it, and its last. */
  readonly clock: number
  readonly to: number
  /** Each node's main-chain height and pool size at the bucket's last clock. */
  readonly heights: Readonly<Record<string, number>>
  readonly pools: Readonly<Record<string, number>>
  /** What each node did most in the bucket besides idling (idle: nothing else). */
  readonly activity: Readonly<Record<string, NodeStatus>>
  /** The clocks of the bucket each node spent in a status other than idle. */
  readonly busy: Readonly<Record<string, number>>
  /** Messages sent in the bucket, by type (types with none are left out). */
  readonly messages: Readonly<Partial<Record<MessageType, number>>>
  /**
   * Rival blocks (each once, at the clock some node first accepted it off its main chain: both
   * blocks of a fork), nodes' reorganisations, and the deepest of them.
   */
  readonly forks: number
  readonly reorgs: number
  readonly reorgDepth: number
  /** Each account's balance on the main chain of `balancesOf` at the bucket's last clock. */
  readonly balances: Readonly<Record<string, number>>
  /** The whole network in the bucket: only in a summarised series (see BucketedSeries). */
  readonly network?: BucketNetwork
}

/** The whole network in a bucket of clocks, however many nodes it has. */
export interface BucketNetwork {
  /** The lowest and highest main-chain height, and the transactions in all pools, at its end. */
  readonly lowestHeight: number
  readonly highestHeight: number
  readonly totalPool: number
  /** How many nodes were in each status, on average over the bucket's clocks. */
  readonly statuses: Readonly<Record<NodeStatus, number>>
}

/** A run (or a stretch of it) in equal buckets of clocks: what `GET /api/runs/:id/series` answers. */
export interface BucketedSeries {
  readonly runId: number
  /** The clocks summarised, after clamping to the run. */
  readonly from: number
  readonly to: number
  /** Clocks per bucket; the last bucket may be shorter. */
  readonly width: number
  readonly nodes: readonly string[]
  readonly accounts: readonly string[]
  /** The node whose main chain the balances follow. */
  readonly balancesOf: string
  /**
   * True for a run of more than SERIES_NODES_UP_TO nodes (or when asked): each bucket holds the
   * whole network's summary (`network`) and `balancesOf`'s heights, pool and status alone, not a
   * row per node; at 2,000 nodes a whole run's rows were 22 MB, and no chart draws them.
   */
  readonly summarised: boolean
  readonly buckets: readonly SeriesBucket[]
}
