/**
 * The frames are read a window this long at a time, each watched (a frame callback of the
 * pacer's own, turn or not) while charts are asked for.
 */
const WINDOW_MS = 1_000
/**
 * Below this fraction of the display's frames kept over a window, the share shrinks; at or over
 * KEPT_GROW, it grows; between, it holds.
 */
const KEPT_SHRINK = 0.92
const KEPT_GROW = 0.96
/**
 * The display's cadence is the shortest time between two frames over this many windows: a page
 * that loses every other frame for a while reads as a display of half the rate in those windows
 * alone, and a page moved to a slower display reads it within this many.
 */
const CADENCE_OF_WINDOWS = 10
const SHRINK = 0.7
const GROW = 1.2
/** The least share the charts are left: a chart still redraws every second or two. */
export const LEAST_SHARE = 0.05

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
 * spends credit that accrues at a share of the time passing, so that charts never take more
 * than about that share of the page's time: they redraw less often, and the page keeps its
 * frames.
 *
 * Why the share gives way: a redraw of 10-25 ms costs the frame it runs in, so at the top speeds
 * (the page's own update each frame heavier) six charts at 15 % left the page at 45-50 fps;
 * at half that share it kept 53-57 (npm run bench -- ui-ab, in turn). The share is the most the
 * charts may take; while the frames it watches fall short of the display's cadence it shrinks,
 * down to LEAST_SHARE, and grows back once they keep up. The charts are what the page can put
 * off: a chart redrawn a second later loses nothing (its data is whole when it is drawn), a
 * frame lost is lost.
 */
export class FramePacer {
  /** Redraws waiting for their turn, the longest-waiting first. */
  private readonly waiting = new Map<object, () => void>()
  private credit: number
  private last: number
  private scheduled = false
  /** The time of the frame the latest redraw ran in. */
  private drewIn: number | undefined
  /** The share the charts have now: `mostShare`, less while the frames fall short. */
  private share: number
  /** The times of the frames watched since the last reading, one after another. */
  private frames: number[] = []
  /** The shortest time between two frames in each of the last CADENCE_OF_WINDOWS readings. */
  private readonly cadences: number[] = []
  /** When a redraw was last asked for. */
  private asked = Number.NEGATIVE_INFINITY

  constructor(
    /** The most of the page's time the charts may take. */
    private readonly mostShare = 0.3,
    /** Runs its callback in the next animation frame, with the frame's time where known. */
    private readonly frame: (run: (at?: number) => void) => void = (run) =>
      requestAnimationFrame(run),
    private readonly now: () => number = () => performance.now(),
    /** The most credit that can be saved up: what one redraw may cost before it waits. */
    private readonly most = 40,
  ) {
    this.share = mostShare
    this.credit = most
    this.last = now()
  }

  /** The share of the page's time the charts may take now. */
  get currentShare(): number {
    return this.share
  }

  /**
   * Asks for a turn for `who` to `redraw`; a later request of the same one replaces its redraw
   * and keeps its place. Returns the function that withdraws it.
   */
  request(who: object, redraw: () => void): () => void {
    this.asked = this.now()
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
    if (this.scheduled) return
    // While charts are asked for, every frame is watched (a turn or not): a frame missing from
    // the watch is then a frame lost, not one in which nothing was asked.
    if (this.waiting.size === 0 && this.now() - this.asked >= WINDOW_MS) {
      this.frames = []
      return
    }
    this.scheduled = true
    this.frame((at) => {
      this.scheduled = false
      this.watch(at ?? this.now())
      this.turn(at)
    })
  }

  /**
   * Reads the frames a window at a time. The display's cadence is the shortest time between two
   * frames (a page held to 30 frames a second keeps them all); each gap counts the frames it
   * should have held, rounded, so that a frame a millisecond late (their times jitter) is not a
   * frame lost. A gap longer than the window (a page hidden, which draws no frames; or a stall)
   * starts the reading again. While paused (nothing asked) the share stays as it was.
   */
  private watch(at: number): void {
    const frames = this.frames
    const previous = frames[frames.length - 1]
    if (previous !== undefined && at - previous > WINDOW_MS) frames.length = 0
    // Two callbacks given the same frame's time are one frame.
    if (previous !== undefined && at - previous < 1) return
    frames.push(at)
    const first = frames[0] as number
    if (at - first < WINDOW_MS) return
    let shortest = Number.POSITIVE_INFINITY
    for (let i = 1; i < frames.length; i++)
      shortest = Math.min(shortest, (frames[i] as number) - (frames[i - 1] as number))
    this.cadences.push(shortest)
    if (this.cadences.length > CADENCE_OF_WINDOWS) this.cadences.shift()
    const cadence = Math.min(...this.cadences)
    let due = 0
    for (let i = 1; i < frames.length; i++)
      due += Math.max(1, Math.round(((frames[i] as number) - (frames[i - 1] as number)) / cadence))
    const kept = (frames.length - 1) / due
    if (kept < KEPT_SHRINK) this.share = Math.max(LEAST_SHARE, this.share * SHRINK)
    else if (kept >= KEPT_GROW) this.share = Math.min(this.mostShare, this.share * GROW)
    this.frames = [at]
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
