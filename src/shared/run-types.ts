import type { Block } from '../core/chain/block'
import type { SequencedEvent } from '../core/events'
import type { NodeSnapshot, TreeBlock } from '../core/snapshot-types'
import type { Dialect } from './api-types'

export type RunStatus = 'live' | 'finished' | 'interrupted'

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
    }
