import type { SequencedEvent } from '../../../core/events'
import { MESSAGE_TYPES, type MessageType } from '../../../core/network/message'
import { NODE_STATUSES, type NodeStatus } from '../../../core/node-status'
import type { ChartEventRow } from '../run-reader'
import { ClockTally } from './clock-tally'
import { StepSeries } from './step-series'

/** One node's chart values, each as it changed clock by clock. */
export interface NodeTrack {
  readonly height: StepSeries<number>
  readonly pool: StepSeries<number>
  readonly status: StepSeries<NodeStatus>
  /** The main chain's tip; null: the genesis block. */
  readonly tip: StepSeries<string | null>
}

/** A node as a run begins: a branch begins where its parent run was. */
export interface NodeSeed {
  readonly id: string
  readonly height: number
  readonly pool: number
  readonly status: NodeStatus
  readonly tip: string | null
}

const isMessageType = (value: string | null): value is MessageType =>
  (MESSAGE_TYPES as readonly (string | null)[]).includes(value)
const isStatus = (value: string | null): value is NodeStatus =>
  (NODE_STATUSES as readonly (string | null)[]).includes(value)

/**
 * What the charts need of a run, kept compact enough to hold in memory and answer any stretch of
 * clocks in any number of buckets without reading the events again: each node's values as they
 * changed, and the clocks of what the charts count. Extended as a live run grows.
 *
 * Heights and pools follow the events exactly as the renderer's per-clock series does
 * (src/renderer/src/store/series.ts), so a bucket shows what that series shows at its last clock.
 */
export class SeriesDigest {
  readonly tracks = new Map<string, NodeTrack>()
  readonly messages = new Map<MessageType, ClockTally>()
  /** Blocks accepted off the main chain. */
  readonly forks = new ClockTally()
  /** Reorganisations, valued by their depth. */
  readonly reorgs = new ClockTally()
  /** The last event read: the next read starts after it. */
  lastSeq = 0

  constructor(nodes: readonly string[], seeds: readonly NodeSeed[] = []) {
    const seeded = new Map(seeds.map((s) => [s.id, s]))
    for (const node of nodes) {
      const seed = seeded.get(node)
      this.tracks.set(node, {
        height: new StepSeries(seed?.height ?? 0),
        pool: new StepSeries(seed?.pool ?? 0),
        status: new StepSeries<NodeStatus>(seed?.status ?? 'idle'),
        tip: new StepSeries<string | null>(seed?.tip ?? null),
      })
    }
  }

  apply(rows: readonly ChartEventRow[]): void {
    for (const [seq, clock, node, kind, detail] of rows) {
      this.lastSeq = seq
      const track = this.tracks.get(node)
      if (!track) continue
      switch (kind) {
        case 'node.status':
          if (isStatus(detail)) track.status.set(clock, detail)
          break
        case 'message.sent':
          if (isMessageType(detail)) this.tally(detail).add(clock)
          break
        case 'tx.accepted':
          track.pool.set(clock, track.pool.current + 1)
          break
        case 'tx.evicted':
          track.pool.set(clock, Math.max(0, track.pool.current - 1))
          break
        case 'node.reset':
          track.height.set(clock, 0)
          track.pool.set(clock, 0)
          track.tip.set(clock, null)
          break
        default:
          if (detail !== null) this.applyEvent(track, JSON.parse(detail) as SequencedEvent)
      }
    }
  }

  /** The few kinds that need more than one field: blocks and reorganisations. */
  private applyEvent(track: NodeTrack, event: SequencedEvent): void {
    if (event.kind === 'block.accepted') {
      if (!event.onMainChain) {
        this.forks.add(event.clock)
        return
      }
      track.height.set(event.clock, event.block.height)
      track.pool.set(event.clock, Math.max(0, track.pool.current - event.block.transactions))
      track.tip.set(event.clock, event.block.hash)
    } else if (event.kind === 'chain.reorg') {
      this.reorgs.add(event.clock, event.depth)
      track.pool.set(event.clock, track.pool.current + event.returned.length)
      track.tip.set(event.clock, event.newTip)
    }
  }

  private tally(type: MessageType): ClockTally {
    let tally = this.messages.get(type)
    if (!tally) {
      tally = new ClockTally()
      this.messages.set(type, tally)
    }
    return tally
  }
}
