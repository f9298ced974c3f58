import type { SequencedEvent } from '../../../shared/api-types'
import type { MessageType, NodeStatus } from '../../../shared/engine-terms'

export { MESSAGE_TYPES } from '../../../shared/engine-terms'

/** One clock of the charts: what each node and the network did in it. */
export interface ClockRow {
  clock: number
  heights: Record<string, number>
  pools: Record<string, number>
  /** Messages sent in this clock, by type. */
  messages: Partial<Record<MessageType, number>>
  /** Rival blocks accepted off the main chain in this clock, and reorganisations. */
  forks: number
  reorgs: number
  reorgDepth: number
}

/** A stretch of clocks a node spent in one status, for the status timeline. */
export interface StatusSpan {
  node: string
  status: NodeStatus
  from: number
  /** Inclusive; the last span of a node runs to the current clock. */
  to: number
  /**
   * For a span that summarises a stretch (a whole-run overview's bucket): the share of its clocks
   * the node was busy. Absent: the node was in `status` throughout.
   */
  share?: number
}

/**
 * Turns the engine's event stream into per-clock series for the charts. Pure and incremental:
 * the live view feeds it batches as they arrive, the replay view a saved run's events.
 */
export class SeriesBuilder {
  private readonly rows = new Map<number, ClockRow>()
  private readonly heights: Record<string, number> = {}
  private readonly pools: Record<string, number> = {}
  private readonly spans: StatusSpan[] = []
  private readonly open = new Map<string, StatusSpan>()
  private lastClock = 0

  /**
   * `start` seeds a window that begins mid-run: each node's height, pool and status at that
   * clock (from the run's state), so the series need not replay what came before.
   */
  constructor(
    readonly nodes: readonly string[],
    start?: {
      readonly clock: number
      readonly nodes: readonly { id: string; height: number; pool: number; status: NodeStatus }[]
    },
  ) {
    const at = new Map(start?.nodes.map((n) => [n.id, n]))
    const from = start?.clock ?? 0
    for (const node of nodes) {
      const seed = at.get(node)
      this.heights[node] = seed?.height ?? 0
      this.pools[node] = seed?.pool ?? 0
      const span: StatusSpan = { node, status: seed?.status ?? 'idle', from, to: from }
      this.spans.push(span)
      this.open.set(node, span)
    }
    if (start) {
      const row = this.row(from)
      Object.assign(row.heights, this.heights)
      Object.assign(row.pools, this.pools)
    }
  }

  get clock(): number {
    return this.lastClock
  }

  apply(events: readonly SequencedEvent[]): void {
    for (const event of events) {
      const row = this.row(event.clock)
      switch (event.kind) {
        case 'node.status': {
          const current = this.open.get(event.node)
          if (current) current.to = event.clock - 1
          const span: StatusSpan = {
            node: event.node,
            status: event.status,
            from: event.clock,
            to: event.clock,
          }
          this.spans.push(span)
          this.open.set(event.node, span)
          break
        }
        case 'message.sent':
          row.messages[event.type] = (row.messages[event.type] ?? 0) + 1
          break
        case 'block.accepted':
          if (event.onMainChain) this.heights[event.node] = event.block.height
          else row.forks++
          row.heights[event.node] = this.heights[event.node] ?? 0
          if (event.onMainChain)
            this.pools[event.node] = Math.max(
              0,
              (this.pools[event.node] ?? 0) - event.block.transactions,
            )
          row.pools[event.node] = this.pools[event.node] ?? 0
          break
        case 'tx.accepted':
          this.pools[event.node] = (this.pools[event.node] ?? 0) + 1
          row.pools[event.node] = this.pools[event.node] ?? 0
          break
        case 'tx.evicted':
          this.pools[event.node] = Math.max(0, (this.pools[event.node] ?? 0) - 1)
          row.pools[event.node] = this.pools[event.node] ?? 0
          break
        case 'chain.reorg':
          row.reorgs++
          row.reorgDepth = Math.max(row.reorgDepth, event.depth)
          this.pools[event.node] = (this.pools[event.node] ?? 0) + event.returned.length
          row.pools[event.node] = this.pools[event.node] ?? 0
          break
        case 'node.reset':
          this.heights[event.node] = 0
          this.pools[event.node] = 0
          row.heights[event.node] = 0
          row.pools[event.node] = 0
          break
        default:
          break
      }
    }
  }

  /** Sets the pool sizes the network reports now, correcting what the events imply. */
  samplePools(clock: number, pools: Record<string, number>): void {
    Object.assign(this.pools, pools)
    Object.assign(this.row(clock).pools, pools)
  }

  /** Marks the network as having reached `clock` even when nothing happened in it. */
  advance(clock: number): void {
    this.row(clock)
  }

  /**
   * Rows for the clocks from..to with every node's height and pool carried forward, merged into
   * at most `maxPoints` buckets so that a long run charts as quickly as a short one.
   */
  window(from: number, to: number, maxPoints = 600): ClockRow[] {
    const heights: Record<string, number> = Object.fromEntries(this.nodes.map((n) => [n, 0]))
    const pools: Record<string, number> = Object.fromEntries(this.nodes.map((n) => [n, 0]))
    const clocks = [...this.rows.keys()].sort((a, b) => a - b)
    const out: ClockRow[] = []
    const width = Math.max(1, Math.ceil((to - from + 1) / maxPoints))
    let bucket: ClockRow | null = null
    let index = 0
    for (let clock = from; clock <= to; clock++) {
      while (index < clocks.length && (clocks[index] as number) < clock) {
        const r = this.rows.get(clocks[index] as number) as ClockRow
        Object.assign(heights, r.heights)
        Object.assign(pools, r.pools)
        index++
      }
      const row = this.rows.get(clock)
      if (row) {
        Object.assign(heights, row.heights)
        Object.assign(pools, row.pools)
      }
      if (!bucket || clock - bucket.clock >= width) {
        bucket = { clock, heights: {}, pools: {}, messages: {}, forks: 0, reorgs: 0, reorgDepth: 0 }
        out.push(bucket)
      }
      bucket.heights = { ...heights }
      bucket.pools = { ...pools }
      if (row) {
        for (const [type, n] of Object.entries(row.messages))
          bucket.messages[type as MessageType] =
            (bucket.messages[type as MessageType] ?? 0) + (n ?? 0)
        bucket.forks += row.forks
        bucket.reorgs += row.reorgs
        bucket.reorgDepth = Math.max(bucket.reorgDepth, row.reorgDepth)
      }
    }
    return out
  }

  /** Status spans that overlap from..to, the open ones running to `now`. */
  statusSpans(from: number, to: number): StatusSpan[] {
    return this.spans
      .map((span) =>
        this.open.get(span.node) === span
          ? { ...span, to: Math.max(span.to, this.lastClock) }
          : span,
      )
      .filter((span) => span.to >= from && span.from <= to && span.to >= span.from)
  }

  private row(clock: number): ClockRow {
    if (clock > this.lastClock) this.lastClock = clock
    let row = this.rows.get(clock)
    if (!row) {
      row = { clock, heights: {}, pools: {}, messages: {}, forks: 0, reorgs: 0, reorgDepth: 0 }
      this.rows.set(clock, row)
    }
    return row
  }
}
