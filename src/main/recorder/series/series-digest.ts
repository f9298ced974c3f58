import { MESSAGE_TYPES, type MessageType } from '../../../core/network/message'
import { NODE_STATUSES, type NodeStatus } from '../../../core/node-status'
import type { BlockDetail, ChartEventRow, ReorgDetail } from './chart-chunk'
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
  /** Rival blocks, at the clock the first node accepted each off its main chain (see ClockRow). */
  readonly forks = new ClockTally()
  private readonly rivals = new Set<string>()
  /** Reorganisations, valued by their depth. */
  readonly reorgs = new ClockTally()
  /** Every event of the run up to this seq is in: the next read starts after it. */
  through = 0

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

  /**
   * Takes in events in the run's order; those at or before `through` are in already and are
   * skipped, so overlapping reads never count an event twice. `through` then moves to the last
   * event, or to `upTo` when the rows were every chart event up to there.
   */
  apply(rows: readonly ChartEventRow[], upTo = 0): void {
    for (const [seq, clock, node, kind, detail] of rows) {
      if (seq <= this.through) continue
      this.through = seq
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
        case 'block.accepted':
          if (detail !== null) this.blockAccepted(track, clock, JSON.parse(detail) as BlockDetail)
          break
        case 'chain.reorg':
          if (detail !== null) this.reorganised(track, clock, JSON.parse(detail) as ReorgDetail)
          break
      }
    }
    this.through = Math.max(this.through, upTo)
  }

  private blockAccepted(track: NodeTrack, clock: number, block: BlockDetail): void {
    const [onMainChain, height, transactions, hash] = block
    if (!onMainChain) {
      if (!this.rivals.has(hash)) this.forks.add(clock)
      this.rivals.add(hash)
      return
    }
    track.height.set(clock, height)
    track.pool.set(clock, Math.max(0, track.pool.current - transactions))
    track.tip.set(clock, hash)
  }

  private reorganised(track: NodeTrack, clock: number, reorg: ReorgDetail): void {
    const [depth, returned, newTip] = reorg
    this.reorgs.add(clock, depth)
    track.pool.set(clock, track.pool.current + returned)
    track.tip.set(clock, newTip)
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
