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
  /**
   * Rival blocks: those first accepted off some node's main chain in this clock, each once however
   * many nodes do so. Both blocks of a fork count: the losing block's miner takes the winner in
   * off its chain before it switches. Reorganisations count per node: each is a node's own switch.
   * A series that starts mid-run (`first`) has counted nothing before, and counts again a rival
   * still spreading there.
   */
  forks: number
  reorgs: number
  reorgDepth: number
}

/**
 * The whole network in one clock, for networks too large to chart node by node: kept up to date
 * event by event, so that charting it costs the same for 3 nodes as for 10,000.
 */
export interface NetworkSummary {
  lowestHeight: number
  highestHeight: number
  /** Transactions waiting in all pools together. */
  totalPool: number
}

/** A chart row with the network summary, as `window(..., { summary: true })` gives it. */
export interface SummaryRow extends ClockRow {
  summary: NetworkSummary
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
  private spans: StatusSpan[] = []
  private readonly open = new Map<string, StatusSpan>()
  private lastClock = 0
  /** How many nodes are at each height, to know the lowest and highest without a scan. */
  private readonly atHeight: number[] = []
  private lowest = 0
  private highest = 0
  private totalPool = 0
  private readonly summaries = new Map<number, NetworkSummary>()
  /** Rows before this clock were let go (see forgetBefore). */
  private forgottenBefore = 0
  /** Rival blocks already counted (see `forks`): each is counted once, not once a node. */
  private readonly rivals = new Set<string>()
  /** The incremental reader (a live chart window) told the earliest clock changed; see watch. */
  private watcher: { from: number } | null = null
  /**
   * Goes up whenever a window could read differently: memoised views key on it, so that a
   * chart is drawn again when its data changed and only then.
   */
  revision = 0
  private readonly base: {
    heights: Record<string, number>
    pools: Record<string, number>
    summary: NetworkSummary
  }

  /** The first clock the series knows: a window that begins mid-run knows nothing before it. */
  readonly first: number

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
    this.first = from
    for (const node of nodes) {
      const seed = at.get(node)
      this.heights[node] = seed?.height ?? 0
      this.pools[node] = seed?.pool ?? 0
      const span: StatusSpan = { node, status: seed?.status ?? 'idle', from, to: from }
      this.spans.push(span)
      this.open.set(node, span)
    }
    for (const node of nodes) {
      const height = this.heights[node] ?? 0
      this.atHeight[height] = (this.atHeight[height] ?? 0) + 1
      this.totalPool += this.pools[node] ?? 0
    }
    this.highest = this.atHeight.length > 0 ? this.atHeight.length - 1 : 0
    this.lowest = this.atHeight.findIndex((n) => n > 0)
    if (this.lowest < 0) this.lowest = 0
    this.base = { heights: {}, pools: {}, summary: this.summary() }
    if (start) {
      const row = this.row(from)
      Object.assign(row.heights, this.heights)
      Object.assign(row.pools, this.pools)
      this.summaries.set(from, this.summary())
    }
  }

  get clock(): number {
    return this.lastClock
  }

  apply(events: readonly SequencedEvent[]): void {
    if (events.length > 0) this.revision++
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
          if (event.onMainChain) this.setHeight(event.node, event.block.height, row)
          else {
            if (!this.rivals.has(event.block.hash)) row.forks++
            this.rivals.add(event.block.hash)
            row.heights[event.node] = this.heights[event.node] ?? 0
          }
          if (event.onMainChain)
            this.setPool(
              event.node,
              Math.max(0, (this.pools[event.node] ?? 0) - event.block.transactions),
              row,
            )
          else row.pools[event.node] = this.pools[event.node] ?? 0
          break
        case 'tx.accepted':
          this.setPool(event.node, (this.pools[event.node] ?? 0) + 1, row)
          break
        case 'tx.evicted':
          this.setPool(event.node, Math.max(0, (this.pools[event.node] ?? 0) - 1), row)
          break
        case 'chain.reorg':
          row.reorgs++
          row.reorgDepth = Math.max(row.reorgDepth, event.depth)
          this.setPool(event.node, (this.pools[event.node] ?? 0) + event.returned.length, row)
          break
        case 'node.reset':
          this.setHeight(event.node, 0, row)
          this.setPool(event.node, 0, row)
          break
        default:
          break
      }
    }
  }

  /** Sets the pool sizes the network reports now, correcting what the events imply. */
  samplePools(clock: number, pools: Record<string, number>): void {
    const row = this.row(clock)
    for (const node in pools) {
      const pool = pools[node] as number
      if (this.pools[node] !== pool) {
        this.setPool(node, pool, row)
        this.revision++
      } else row.pools[node] = pool
    }
  }

  private setHeight(node: string, height: number, row: ClockRow): void {
    const old = this.heights[node] ?? 0
    this.heights[node] = height
    row.heights[node] = height
    if (old === height) return
    this.atHeight[old] = (this.atHeight[old] ?? 1) - 1
    this.atHeight[height] = (this.atHeight[height] ?? 0) + 1
    if (height > this.highest) this.highest = height
    while (this.highest > 0 && !this.atHeight[this.highest]) this.highest--
    if (height < this.lowest) this.lowest = height
    while (this.lowest < this.highest && !this.atHeight[this.lowest]) this.lowest++
    this.summaries.set(row.clock, this.summary())
  }

  private setPool(node: string, pool: number, row: ClockRow): void {
    this.totalPool += pool - (this.pools[node] ?? 0)
    this.pools[node] = pool
    row.pools[node] = pool
    this.summaries.set(row.clock, this.summary())
  }

  private summary(): NetworkSummary {
    return { lowestHeight: this.lowest, highestHeight: this.highest, totalPool: this.totalPool }
  }

  /** Marks the network as having reached `clock` even when nothing happened in it. */
  advance(clock: number): void {
    this.row(clock)
  }

  /**
   * Rows for the clocks from..to with every node's height and pool carried forward, merged into
   * at most `maxPoints` buckets so that a long run charts as quickly as a short one. `nodes`:
   * only these nodes' heights and pools (a large network charts a few, not thousands);
   * `summary`: each row with the whole network's summary too.
   */
  window(from: number, to: number, maxPoints?: number): ClockRow[]
  window(
    from: number,
    to: number,
    maxPoints: number,
    options: { nodes?: readonly string[]; summary: true },
  ): SummaryRow[]
  window(
    from: number,
    to: number,
    maxPoints = 600,
    options: { nodes?: readonly string[]; summary?: boolean } = {},
  ): ClockRow[] {
    const wanted = options.nodes ?? this.nodes
    const only = options.nodes ? new Set(options.nodes) : null
    const carry = (into: Record<string, number>, from: Record<string, number>) => {
      if (!only) Object.assign(into, from)
      else for (const node in from) if (only.has(node)) into[node] = from[node] as number
    }
    const heights: Record<string, number> = Object.fromEntries(wanted.map((n) => [n, 0]))
    const pools: Record<string, number> = Object.fromEntries(wanted.map((n) => [n, 0]))
    carry(heights, this.base.heights)
    carry(pools, this.base.pools)
    let summary = this.base.summary
    // Rows are made in clock order but for the odd late one: sort only when needed.
    const clocks = [...this.rows.keys()]
    if (clocks.some((c, i) => i > 0 && c < (clocks[i - 1] as number))) clocks.sort((a, b) => a - b)
    const out: ClockRow[] = []
    const width = Math.max(1, Math.ceil((to - from + 1) / maxPoints))
    let bucket: ClockRow | null = null
    let index = 0
    // Everything before the window only carries values forward.
    while (index < clocks.length && (clocks[index] as number) < from) {
      const clock = clocks[index] as number
      const r = this.rows.get(clock) as ClockRow
      carry(heights, r.heights)
      carry(pools, r.pools)
      summary = this.summaries.get(clock) ?? summary
      index++
    }
    for (let clock = from; clock <= to; clock++) {
      const row = this.rows.get(clock)
      if (row) {
        carry(heights, row.heights)
        carry(pools, row.pools)
        summary = this.summaries.get(clock) ?? summary
      }
      if (!bucket || clock - bucket.clock >= width) {
        bucket = { clock, heights: {}, pools: {}, messages: {}, forks: 0, reorgs: 0, reorgDepth: 0 }
        out.push(bucket)
      }
      bucket.heights = { ...heights }
      bucket.pools = { ...pools }
      if (options.summary) (bucket as SummaryRow).summary = summary
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

  /**
   * Lets go of the rows and closed status spans before `clock`, keeping what they carry forward:
   * a live network that plays for hours keeps a window, not its whole history (a saved run has
   * it all). Windows from `clock` on are unchanged.
   */
  forgetBefore(clock: number): void {
    if (clock <= this.forgottenBefore) return
    for (const [at, row] of this.rows) {
      if (at >= clock) continue
      Object.assign(this.base.heights, row.heights)
      Object.assign(this.base.pools, row.pools)
      this.base.summary = this.summaries.get(at) ?? this.base.summary
      this.rows.delete(at)
      this.summaries.delete(at)
    }
    this.spans = this.spans.filter((span) => span.to >= clock || this.open.get(span.node) === span)
    this.forgottenBefore = clock
    this.revision++
  }

  /** The clock before which rows were let go; 0 if none were. */
  get forgotten(): number {
    return this.forgottenBefore
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

  /**
   * A mark the series lowers to the earliest clock whose row changes from now on, for a reader
   * that keeps the rows it built and rebuilds only from there (see SeriesWindow). One reader at a
   * time: a new one takes the mark over, and the one before sees it is no longer watched.
   */
  watch(): { from: number } {
    this.watcher = { from: Infinity }
    return this.watcher
  }

  /** Whether `mark` is the series' current watcher (see watch). */
  watching(mark: object): boolean {
    return this.watcher === mark
  }

  /** The row of one clock as the events made it (undefined: nothing happened in it). */
  rowAt(clock: number): Readonly<ClockRow> | undefined {
    return this.rows.get(clock)
  }

  /** The network's summary as a clock changed it (undefined: unchanged in it). */
  summaryAt(clock: number): NetworkSummary | undefined {
    return this.summaries.get(clock)
  }

  private row(clock: number): ClockRow {
    if (clock > this.lastClock) this.lastClock = clock
    if (this.watcher && clock < this.watcher.from) this.watcher.from = clock
    let row = this.rows.get(clock)
    if (!row) {
      this.revision++
      row = { clock, heights: {}, pools: {}, messages: {}, forks: 0, reorgs: 0, reorgDepth: 0 }
      this.rows.set(clock, row)
    }
    return row
  }
}
