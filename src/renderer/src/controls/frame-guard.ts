/**
 * Keeps the page's frames while the clock plays as fast as the network can go.
 *
 * Why: at the top speeds a large network's clocks come as fast as the lab can step them, and
 * each brings thousands of events for the page to take in (the log, the charts, the graph's
 * colours), while on a machine of few cores the lab's thread, the page and the browser's
 * compositor share what is left. Measured headless on two cores, 2,000 nodes at the 1,000/s
 * setting reached 72-98 clocks/s at 10-22 frames a second, jerky to watch, the page's thread 71 %
 * busy, where 30/s drew at 42 fps. Below FLOOR_FPS the player leaves the lab idle after each
 * step for a share of the time the step took (the rest): fewer clocks a second, so fewer events
 * to take in and more of the machine for the page. The rest grows until the frames come back,
 * and eases off once they have: the page trades clocks for frames, and the control's achieved
 * rate says how many clocks that was. A network that steps quickly never rests: its frames never
 * fall. Running to a clock (the control's "run to") is never paced: it is for getting there.
 *
 * Pure arithmetic on the frames' times, so that it is tested with a fake clock; the player feeds
 * it from requestAnimationFrame.
 */

/** Frames a second below which the player rests the lab between steps. */
export const FLOOR_FPS = 30
/** Frames a second above which a rest is eased off. */
const EASED_FPS = 45
/** The rate is measured over this long. */
const WINDOW_MS = 1_000
/**
 * The rest is changed at most this often: half a window, so that a page that lost its frames
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
 * swing from none to the most. It shrinks by SHRINK while the frames are above EASED_FPS.
 */
const LEAST_GROWTH = 1.25
const MOST_GROWTH = 2
const SHRINK = 0.7
/** A rest below this is none. */
const LEAST_REST = 0.1

export class FrameGuard {
  /** The times of the frames within the last WINDOW_MS. */
  private readonly frames: number[] = []
  private share = 0
  private readonly since: number
  private changed: number

  constructor(now: number) {
    this.since = now
    this.changed = now
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

  /**
   * How long to leave the lab idle after a step that took `took` ms, answered at `now`. A page
   * not shown draws no frames (a background tab, a minimised window) and is never rested for it.
   */
  rest(took: number, now: number, shown = true): number {
    if (!shown) {
      this.share = 0
      return 0
    }
    const fps = this.fps(now)
    if (fps !== null && now - this.changed >= CHANGE_MS) {
      if (fps < FLOOR_FPS) {
        const growth = Math.min(MOST_GROWTH, Math.max(LEAST_GROWTH, FLOOR_FPS / fps))
        this.share = Math.min(MOST_REST, this.share === 0 ? FIRST_REST : this.share * growth)
        this.changed = now
      } else if (fps > EASED_FPS && this.share > 0) {
        this.share = this.share * SHRINK < LEAST_REST ? 0 : this.share * SHRINK
        this.changed = now
      }
    }
    return this.share * took
  }

  /** The share of a step's time the lab is left idle after it; 0 while the frames keep up. */
  get resting(): number {
    return this.share
  }
}
