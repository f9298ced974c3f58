import type { Command } from '../../core/commands'
import type { NetworkConfig } from '../../core/config'
import type { EngineEventKind } from '../../core/events'
import type { ShippedRows } from '../../core/event-log'
import type { Message } from '../../core/network/message'
import type { NetworkState } from '../../core/resume'
import type { Query } from './network-host'
import type { ShippedBriefs } from './shipped-briefs'

/** What the main thread asks of a shard worker; every call but init first delivers `inbound`. */
export type ShardCalls = {
  init: {
    input: {
      config: NetworkConfig
      owned: readonly string[]
      state?: NetworkState
      /** Only these kinds of events are made (default: all). */
      events?: readonly EngineEventKind[]
    }
    output: ShardReply
  }
  command: { input: { command: Command; inbound: readonly Message[] }; output: ShardReply }
  /** Processes clocks from..to (inclusive) on the shard's nodes; `report` asks for briefs. */
  run: {
    input: { from: number; to: number; report: boolean; inbound: readonly Message[] }
    output: ShardReply
  }
  query: { input: { query: Query; inbound: readonly Message[] }; output: ShardReply }
}

/**
 * The events of one processed clock, or of a command (tick null), as the shard's log kept them:
 * rows of a log shipped once a request, which the batches of a step's clocks share (one log a
 * clock was eight arrays made, cut and cloned a clock, most of a small network's cost to ship).
 */
export interface EventBatch extends ShippedRows {
  readonly tick: number | null
}

/** What every request answers besides its result: what happened, what left, where the shard is. */
export interface ShardReply {
  readonly result: unknown
  readonly batches: readonly EventBatch[]
  readonly outbound: readonly Message[]
  /** The earliest clock in whose processing the shard could send a message, or null. */
  readonly earliestSend: number | null
  readonly clock: number
  readonly minClock: number
  readonly started: boolean
  /** The owned nodes in brief, after commands and a step's last run: the host answers from them. */
  readonly briefs: ShippedBriefs | null
}
