/**
 * The arithmetic of playing the clock at a set speed, apart from any timer, so that it can be
 * tested with a fake clock. A step request takes time (milliseconds for three nodes, a good part
 * of a second for thousands), so the player does not wait a fixed delay per clock: each request
 * asks for every clock that fell due since playing began, and the achieved rate is measured,
 * not assumed.
 */

/**
 * The speed settings. The top one is 2,000/s: set at 1,000, play reaches 1,000 exactly at best
 * (it asks for every clock due since the press), so a page that must play at least a thousand
 * clocks a second needs a setting above it; the control shows the rate reached beside it.
 */
export const SPEEDS = [1, 2, 5, 10, 30, 100, 1000, 2000] as const

/** A request steps about this long at most, however high the speed. */
const BATCH_MS = 150
/**
 * A clock's cost is the time the answers of about this long took over the clocks they stepped:
 * an average, as a network's clocks cost unlike amounts. Most of 2,000 nodes' clocks step in a
 * tenth of a millisecond, and those a block crosses the network in take a hundred times that;
 * sized by the quickest pace (as before), one request stepped hundreds of clocks with a dozen
 * blocks in them, a second or more of the lab's time, which the page took in at once. An answer
 * also waits while the page is busy drawing; the steps shrink for it, and a busy page takes
 * smaller steps in better (three nodes at 2,000/s still ask for a frame's clocks, well inside).
 * The limit: waits that grow past the budget after the first answers (the budget follows the
 * quickest answer ever) shrink the steps towards a clock each; the lab saying its own time for a
 * step would end it, and was tried (docs/performance.md, session 20).
 */
const PACE_MS = 2_000
/** Clocks the first request may ask for, before the network's pace is known. */
const FIRST_BATCH = 10
/**
 * Requests are sent at least a frame apart (from one's start to the next's): the page shows one
 * clock a frame, and each request costs the page's thread its fetch, its answer and the lab's
 * pushed tick and API-log entry. At 1,000 clocks/s, three nodes answer in a few milliseconds,
 * and asking again at once made 100-200 requests a second for 60 frames.
 */
const MIN_REQUEST_GAP_MS = 1000 / 60

/** Without an answer for this long, the rate reached is measured up to now (see achieved). */
const STALLED_MS = 250

export class PlayClock {
  /** Clocks asked for since playing began. */
  private done = 0
  private readonly started: number
  /** When each answer came and the network's clock it gave (or the clocks asked, counted up). */
  private readonly samples: { at: number; clock: number }[] = []
  /** The answers of the last PACE_MS or so: how long each took and for how many clocks. */
  private readonly paces: { at: number; took: number; clocks: number }[] = []
  /** The quickest answer so far: what a request costs whatever its size. */
  private quickest = Infinity

  /**
   * `maxBatch`: the most clocks one request may ask for, half a second's worth by default: a
   * slow request (a large network) is made up by the next one, but a page that stalled for
   * longer (a background tab) does not burst ahead to catch up.
   */
  constructor(
    readonly speed: number,
    now: number,
    private readonly maxBatch = Math.max(1, Math.ceil(speed / 2)),
  ) {
    this.started = now
    this.samples.push({ at: now, clock: 0 })
  }

  /**
   * How many clocks to ask for now: those due by `now`, at least one, at most a batch and at most
   * `most` (the page's own limit, see FrameGuard).
   */
  due(now: number, most = Number.POSITIVE_INFINITY): number {
    const owed = Math.floor(((now - this.started) * this.speed) / 1000) - this.done
    const behind = owed - this.maxBatch
    // Lost time beyond half a second is forgiven: the rate stays honest instead of bursting.
    if (behind > 0) this.done += behind
    return Math.max(1, Math.min(this.batch(), owed, most))
  }

  /**
   * The most clocks one request may ask for: `maxBatch`, and no more than the network steps in
   * about BATCH_MS (or twice the quickest answer, where every answer takes long whatever its
   * size), so that Pause never waits long behind a step of a slow network.
   */
  private batch(): number {
    if (this.paces.length === 0) return Math.min(this.maxBatch, FIRST_BATCH)
    let took = 0
    let clocks = 0
    for (const pace of this.paces) {
      took += pace.took
      clocks += pace.clocks
    }
    const budget = Math.max(BATCH_MS, 2 * this.quickest)
    return Math.max(1, Math.min(this.maxBatch, Math.floor((budget * clocks) / took)))
  }

  /**
   * Milliseconds until the next clock falls due after `clocks` were asked for, answered at `now`
   * after `took` ms with the network at `reached`: the rate shown is the network's own clock
   * per second, whoever else moved it (without `reached`, the clocks asked are counted).
   */
  record(clocks: number, now: number, took?: number, reached?: number): number {
    if (took !== undefined && clocks > 0) {
      this.quickest = Math.min(this.quickest, took)
      this.paces.push({ at: now, took: Math.max(took, 0.001), clocks })
      while (this.paces.length > 1 && now - (this.paces[0] as { at: number }).at > PACE_MS)
        this.paces.shift()
    }
    this.done += clocks
    const before = this.samples[this.samples.length - 1] as { clock: number }
    // The first answer's clock is where measuring starts: playing may begin at any clock.
    if (reached !== undefined && this.samples.length === 1) before.clock = reached - clocks
    this.samples.push({ at: now, clock: reached ?? before.clock + clocks })
    while (this.samples.length > 2 && now - (this.samples[1] as { at: number }).at > 2_000)
      this.samples.shift()
    const next = this.started + ((this.done + 1) * 1000) / this.speed
    const soonest = now - (took ?? 0) + MIN_REQUEST_GAP_MS
    return Math.max(0, next - now, soonest - now)
  }

  /**
   * Clocks per second over the last two seconds or so; null until a second has passed. Measured
   * up to the last answer while answers keep coming: up to `now` it would count the time since
   * the last answer without the clocks the next one brings, and read low by that share (a
   * request in flight, 50-100 ms of two seconds on a busy page). Once answers stop coming for
   * longer than that, up to `now`, so a stalled network shows its rate falling.
   */
  achieved(now: number): number | null {
    const first = this.samples[0] as { at: number; clock: number }
    const last = this.samples[this.samples.length - 1] as { at: number; clock: number }
    if (now - first.at < 900) return null
    const until = now - last.at <= STALLED_MS ? last.at : now
    return until > first.at ? ((last.clock - first.clock) * 1000) / (until - first.at) : 0
  }
}
