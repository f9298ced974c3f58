/**
 * Keeps the page's frames while the clock plays as fast as the network can go.
 *
 * Why: at the top speeds a large network's clocks come as fast as the lab can step them, each
 * step many clocks at once, and each clock brings thousands of events for the page to take in
 * (the log, the charts, the graph's colours), while on a machine of few cores the lab's thread,
 * the page and the browser's compositor share what is left. Measured headless on two cores, at
 * the 1,000/s setting 2,000 nodes reached 72-98 clocks/s at 10-22 frames a second, and 10,000
 * nodes 2.7 clocks/s at 10 fps, where the 30/s setting (a clock a step) drew them at 42 and 37
 * fps at 25 and 13 clocks/s: a step of many clocks is taken in by the page in one long task.
 *
 * So below FLOOR_FPS the player first asks for fewer clocks a step (`most`, halved down to one),
 * then leaves the lab idle after each step for a share of the time the step took (the rest, up
 * to MOST_REST), once two readings in a row are low (a block's burst of events dips the frames
 * for a second, which pacing cannot help). Once they are back a fifth above the floor, the rest
 * eases off first, then the steps grow again. The page trades clocks for frames, and the
 * control's achieved rate says how many clocks that was. A page whose frames keep up is never
 * paced. Running to a clock ("run to") is never paced: it is for getting there.
 *
 * Pure arithmetic on the frames' times, so that it is tested with a fake clock; the player feeds
 * it from requestAnimationFrame.
 */

/** Frames a second below which the player paces the lab (lower on a page that draws fewer). */
export const FLOOR_FPS = 30
/**
 * Pacing is eased off above the floor by this much: close, as 2,000 nodes unpaced draw at 40-45
 * frames a second, and easing only above 45 (tried first) kept a page paced at 10 clocks/s for a
 * dip of a second, where it played 25 unpaced.
 */
const EASED_OVER_FLOOR = 1.2
/** The rate is measured over this long. */
const WINDOW_MS = 1_000
/**
 * Pacing is changed at most this often: half a window, so that a page that lost its frames
 * gets them back within a couple of seconds, not five (a change is seen in the next window).
 */
const CHANGE_MS = 500
/** The first rest, as a share of a step's time, and the most (the lab busy a ninth of the time). */
const FIRST_REST = 0.25
const MOST_REST = 8
/**
 * How much the rest grows while the frames are below the floor: by the shortfall (at 20 fps by
 * half), at least a quarter and at most double. Gently, as the frame rate of a busy machine
 * swings by half from one second to the next, and doubling on every low reading made the rest
 * swing from none to the most. It shrinks by SHRINK while the frames are above the easing point.
 */
const LEAST_GROWTH = 1.25
const MOST_GROWTH = 2
const SHRINK = 0.7
/** A rest below this is none. */
const LEAST_REST = 0.1
/** Steps limited to more clocks than this are not limited. */
const UNLIMITED_FROM = 1_024
/**
 * The floor is at most this share of the fastest the page draws: the display's cadence, read
 * from the shortest time between two frames (a frame's time is its vsync's), the best of the
 * last BEST_OF decisions (about ten seconds), assumed ASSUMED_CADENCE until the page has shown
 * its own that long. A page held to 30 frames a second (a power saver, a remote desktop) reads 29
 * now and then without falling behind, and was paced down for good; a page that falls behind has
 * long frames among quick ones, and keeps the display's cadence.
 */
const FLOOR_OF_CADENCE = 0.75
const BEST_OF = 20
const ASSUMED_CADENCE = 60

export class FrameGuard {
  /** The times of the frames within the last WINDOW_MS. */
  private readonly frames: number[] = []
  /** The cadences read at the last BEST_OF decisions, the latest last. */
  private readonly cadences: number[] = [ASSUMED_CADENCE]
  private share = 0
  private stepLimit = Number.POSITIVE_INFINITY
  private since: number
  /** Whether the last decision read the frames below the floor. */
  private lowBefore = false
  /** Whether the last step found the page hidden. */
  private hidden = false
  private decided: number

  constructor(now: number) {
    this.since = now
    this.decided = now
  }

  /** A frame began at `at`. */
  frame(at: number): void {
    this.frames.push(at)
    while (this.frames.length > 0 && at - (this.frames[0] as number) > WINDOW_MS)
      this.frames.shift()
  }

  /** Frames a second over the last WINDOW_MS; null before the guard has watched that long. */
  fps(now: number): number | null {
    if (now - this.since < WINDOW_MS) return null
    let count = 0
    for (const at of this.frames) if (now - at <= WINDOW_MS) count++
    return (count * 1000) / WINDOW_MS
  }

  /** Frames a second at the shortest time between two frames of the last WINDOW_MS. */
  private cadence(): number {
    let shortest = Number.POSITIVE_INFINITY
    for (let i = 1; i < this.frames.length; i++)
      shortest = Math.min(shortest, (this.frames[i] as number) - (this.frames[i - 1] as number))
    return shortest > 0 ? 1000 / shortest : 0
  }

  /** The most clocks the next step may ask for: unlimited (Infinity) unless the frames fell. */
  get most(): number {
    return this.stepLimit
  }

  /**
   * After a step of `clocks` that took `took` ms, answered at `now`: how long to leave the lab
   * idle before the next. A page not shown draws no frames (a background tab, a minimised
   * window) and is never paced for it; shown again, it is watched a whole window afresh.
   */
  rest(took: number, now: number, clocks: number, shown = true): number {
    if (!shown || this.hidden) {
      // Hidden, nothing is judged; shown again, from the first step after (a hidden page's
      // steps may be a minute apart), the frames are watched a whole window before judging.
      this.hidden = !shown
      this.share = 0
      this.stepLimit = Number.POSITIVE_INFINITY
      this.frames.length = 0
      this.since = now
      return 0
    }
    const fps = this.fps(now)
    if (fps === null || now - this.decided < CHANGE_MS) return this.share * took
    this.decided = now
    this.cadences.push(this.cadence())
    if (this.cadences.length > BEST_OF) this.cadences.shift()
    const cadence = Math.max(...this.cadences)
    const floor = Math.min(FLOOR_FPS, FLOOR_OF_CADENCE * cadence)
    const eased = EASED_OVER_FLOOR * floor
    const low = this.lowBefore
    this.lowBefore = fps < floor
    if (fps < floor && low) {
      if (this.stepLimit > 1 && clocks > 1) this.stepLimit = Math.floor(clocks / 2)
      else {
        const growth = Math.min(MOST_GROWTH, Math.max(LEAST_GROWTH, floor / fps))
        this.share = Math.min(MOST_REST, this.share === 0 ? FIRST_REST : this.share * growth)
      }
    } else if (fps > eased && this.paced) {
      if (this.share > 0) this.share = this.share * SHRINK < LEAST_REST ? 0 : this.share * SHRINK
      // A limit the last step did not reach no longer limits anything (steps are kept to about
      // 150 ms of the lab's time anyway, see PlayClock): it is lifted, not doubled on.
      else if (clocks < this.stepLimit || this.stepLimit * 2 > UNLIMITED_FROM)
        this.stepLimit = Number.POSITIVE_INFINITY
      else this.stepLimit *= 2
    }
    return this.share * took
  }

  /** Whether the lab is paced to keep the frames: its steps limited, or a rest after each. */
  get paced(): boolean {
    return this.share > 0 || this.stepLimit !== Number.POSITIVE_INFINITY
  }

  /** The share of a step's time the lab is left idle after it; 0 while the frames keep up. */
  get resting(): number {
    return this.share
  }
}
