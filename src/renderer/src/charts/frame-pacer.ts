/**
 * Hands out chart redraws one per animation frame, within a share of the page's time.
 *
 * Why one a frame: recharts redraws a chart in one piece, and six charts redrawn in the same
 * React commit cost far more than six commits of one (measured in Chromium: two line charts
 * together 3.5 times one, six together 6 to 7 times one), so a frame that redrew them all took
 * hundreds of milliseconds on a loaded machine. Taking turns, each chart redraws about every
 * sixth frame while the clock runs, and no frame carries more than one.
 *
 * Why a share: on a slow or busy machine even one chart can take longer than a frame. A redraw
 * spends credit that accrues at `share` of the time passing, so that charts never take more
 * than about that share of the page's time: they redraw less often, and the page keeps its
 * frames.
 */
export class FramePacer {
  /** Redraws waiting for their turn, the longest-waiting first. */
  private readonly waiting = new Map<object, () => void>()
  private credit: number
  private last: number
  private scheduled = false
  /** The time of the frame the latest redraw ran in. */
  private drewIn: number | undefined

  constructor(
    /** The share of the page's time the charts may take. */
    private readonly share = 0.3,
    /** Runs its callback in the next animation frame, with the frame's time where known. */
    private readonly frame: (run: (at?: number) => void) => void = (run) =>
      requestAnimationFrame(run),
    private readonly now: () => number = () => performance.now(),
    /** The most credit that can be saved up: what one redraw may cost before it waits. */
    private readonly most = 40,
  ) {
    this.credit = most
    this.last = now()
  }

  /**
   * Asks for a turn for `who` to `redraw`; a later request of the same one replaces its redraw
   * and keeps its place. Returns the function that withdraws it.
   */
  request(who: object, redraw: () => void): () => void {
    this.waiting.set(who, redraw)
    this.schedule()
    return () => {
      if (this.waiting.get(who) === redraw) this.waiting.delete(who)
    }
  }

  /** Whether `who` has a redraw waiting for its turn. */
  waits(who: object): boolean {
    return this.waiting.has(who)
  }

  /** How many redraws are waiting. */
  get pending(): number {
    return this.waiting.size
  }

  /**
   * Whether a chart redraws in the frame of time `at` (the time every animation-frame callback
   * of a frame is given): it did already, or its turn is due in it. The live store waits a frame
   * then (LiveLab.shareFrames): a frame that carried both a redraw and the store's update took
   * longer than a frame at 1,000 clocks/s.
   */
  takes(at: number): boolean {
    if (this.drewIn === at) return true
    const credit = this.credit + this.share * (this.now() - this.last)
    return this.scheduled && this.waiting.size > 0 && credit > 0
  }

  private schedule(): void {
    if (this.scheduled || this.waiting.size === 0) return
    this.scheduled = true
    this.frame((at) => {
      this.scheduled = false
      this.turn(at)
    })
  }

  private turn(at?: number): void {
    const now = this.now()
    this.credit = Math.min(this.most, this.credit + this.share * (now - this.last))
    this.last = now
    if (this.credit > 0) {
      const next = this.waiting.entries().next()
      if (!next.done) {
        const [who, redraw] = next.value
        this.waiting.delete(who)
        this.drewIn = at
        // A redraw is synchronous (the chart commits inside it, before this frame is painted), so
        // its cost is the time it takes here.
        redraw()
        this.credit -= this.now() - now
      }
    }
    this.schedule()
  }
}
