import type { SeriesBuilder, SummaryRow } from './series'

/**
 * The live charts' window of a series, one row a clock, kept from frame to frame: a new clock
 * adds one row built from the row before it, and a row is built again only when the series
 * changed its clock (events of a clock may come after it, and each frame's pool sample corrects
 * the latest). Rows that did not change stay the same objects, so what is derived from a row can
 * be kept with it (see flattenKept in charts/chart-parts).
 *
 * Reads the same as `series.window(from, to, …, { nodes, summary: true })` one clock a row: that
 * builds all 200 rows whenever the series changes, that is every frame while the clock runs.
 */
export class SeriesWindow {
  /** Rows built, in clock order, from `first` on; those before `from` are let go now and then. */
  private built: SummaryRow[] = []
  private first = 0
  private readonly mark: { from: number }
  private readonly only: ReadonlySet<string> | null

  constructor(
    private readonly series: SeriesBuilder,
    /** Only these nodes' heights and pools (a large network charts a few); all when absent. */
    private readonly nodes?: readonly string[],
  ) {
    this.mark = series.watch()
    this.only = nodes ? new Set(nodes) : null
  }

  /** The rows of the clocks from..to, one a clock. */
  rows(from: number, to: number): SummaryRow[] {
    const changed = this.series.watching(this.mark) ? this.mark.from : -Infinity
    this.mark.from = Infinity
    // Keep the rows before the change (it is near the end: the latest clocks); build the rest.
    let keep = this.built.length
    while (keep > this.first && this.built[keep - 1]!.clock >= changed) keep--
    this.built.length = keep
    const last = this.built[keep - 1]
    const start = this.built[this.first]
    if (!last || !start || start.clock > from || last.clock < from - 1) {
      this.built = this.series.window(from, to, Infinity, {
        ...(this.nodes ? { nodes: this.nodes } : {}),
        summary: true,
      })
      this.first = 0
    } else for (let clock = last.clock + 1; clock <= to; clock++) this.built.push(this.next(clock))
    while (this.first < this.built.length && this.built[this.first]!.clock < from) this.first++
    // Let go of the rows before the window once they are as many as it: amortised, no shifting.
    if (this.first > 0 && this.first >= this.built.length - this.first) {
      this.built = this.built.slice(this.first)
      this.first = 0
    }
    let end = this.built.length
    while (end > this.first && this.built[end - 1]!.clock > to) end--
    return this.built.slice(this.first, end)
  }

  /** The row of `clock`, from the row before it and what happened in it. */
  private next(clock: number): SummaryRow {
    const before = this.built[this.built.length - 1]!
    const happened = this.series.rowAt(clock)
    const heights = { ...before.heights }
    const pools = { ...before.pools }
    if (happened) {
      this.carry(heights, happened.heights)
      this.carry(pools, happened.pools)
    }
    return {
      clock,
      heights,
      pools,
      messages: { ...happened?.messages },
      forks: happened?.forks ?? 0,
      reorgs: happened?.reorgs ?? 0,
      reorgDepth: happened?.reorgDepth ?? 0,
      summary: this.series.summaryAt(clock) ?? before.summary,
    }
  }

  private carry(into: Record<string, number>, from: Record<string, number>): void {
    if (!this.only) Object.assign(into, from)
    else for (const node in from) if (this.only.has(node)) into[node] = from[node] as number
  }
}
