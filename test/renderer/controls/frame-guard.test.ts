import { describe, expect, it } from 'vitest'
import { FLOOR_FPS, FrameGuard } from '../../../src/renderer/src/controls/frame-guard'
import { PlayClock } from '../../../src/renderer/src/controls/play-clock'

/**
 * Plays at `speed` for `ms` a network that steps a clock in `perClock` ms, on a page that draws
 * `busyFps` frames a second while the lab steps and `idleFps` while it rests (the two share the
 * machine). Returns the clocks played and the frames drawn a second over the last `tail` ms.
 */
function play(
  speed: number,
  perClock: number,
  { ms = 20_000, busyFps = 20, idleFps = 60, tail = 5_000, shown = true } = {},
) {
  let now = 0
  const clock = new PlayClock(speed, now)
  const guard = new FrameGuard(now)
  let nextFrame = 0
  let clocks = 0
  let framesInTail = 0
  // Frames drawn up to `until`, at the rate of what the lab is doing meanwhile.
  const drawUntil = (until: number, fps: number) => {
    while (nextFrame <= until) {
      guard.frame(nextFrame)
      if (nextFrame >= ms - tail) framesInTail++
      nextFrame += 1000 / fps
    }
  }
  while (now < ms) {
    const n = clock.due(now)
    const took = 2 + n * perClock
    drawUntil(now + took, busyFps)
    now += took
    clocks += n
    const wait = Math.max(guard.rest(took, now, shown), clock.record(n, now, took))
    drawUntil(now + wait, wait > 0 ? idleFps : busyFps)
    now += wait
  }
  return { clocks, fps: (framesInTail * 1000) / tail, resting: guard.resting }
}

describe('keeping the frames while playing (FrameGuard)', () => {
  it('rests a network that keeps the lab busy until the page draws at least the floor again', () => {
    const unguarded = 1000 / 10 // what a 10 ms clock reaches at best, busy all the time
    const { clocks, fps, resting } = play(1000, 10)
    expect(fps).toBeGreaterThanOrEqual(FLOOR_FPS)
    expect(resting).toBeGreaterThan(0)
    // Clocks are traded for frames, not given up: more than half the busy rate is kept.
    expect(clocks / 20).toBeGreaterThan(unguarded / 2)
  })

  it('never rests a network whose frames keep up, so a small one still plays at its setting', () => {
    const { clocks, resting } = play(1000, 0.05, { busyFps: 60 })
    expect(resting).toBe(0)
    expect(clocks / 20).toBeGreaterThanOrEqual(950)
  })

  it('never rests a page no one sees: a hidden page draws no frames at all', () => {
    const { resting } = play(1000, 10, { busyFps: 0.5, idleFps: 0.5, shown: false })
    expect(resting).toBe(0)
  })

  it('eases the rest off once the frames are back above the floor', () => {
    const guard = new FrameGuard(0)
    let at = 0
    const frames = (fps: number, ms: number) => {
      for (const end = at + ms; at < end; at += 1000 / fps) guard.frame(at)
    }
    frames(20, 1_500)
    expect(guard.rest(100, at)).toBe(25)
    frames(20, 1_100)
    expect(guard.rest(100, at)).toBeCloseTo(37.5)
    // Changed at most every half window: the frames just after a change are mostly the old ones'.
    frames(60, 300)
    expect(guard.rest(100, at)).toBeCloseTo(37.5)
    frames(60, 1_100)
    expect(guard.rest(100, at)).toBeCloseTo(26.25)
    frames(60, 1_100)
    expect(guard.rest(100, at)).toBeCloseTo(18.375)
    frames(60, 1_100)
    expect(guard.rest(100, at)).toBeCloseTo(12.8625)
    frames(60, 1_100)
    expect(guard.rest(100, at)).toBe(0)
    // Between the floor and the easing point, the rest is kept as it is.
    frames(20, 1_100)
    expect(guard.rest(100, at)).toBe(25)
    frames(40, 3_000)
    expect(guard.rest(100, at)).toBe(25)
    // Far below the floor it grows faster, by double at most: at 10 fps from a quarter to twice
    // the step's time in three changes. However long the frames stay low, the lab still steps
    // a ninth of the time.
    const low = new FrameGuard(at)
    const rests: number[] = []
    for (let i = 0; i < 12; i++) {
      for (const end = at + 600; at < end; at += 100) low.frame(at)
      rests.push(low.rest(100, at))
    }
    expect(low.fps(at)).toBe(10)
    expect(rests.slice(0, 5)).toEqual([0, 25, 50, 100, 200])
    expect(rests.at(-1)).toBe(800)
  })

  it('measures nothing before it has watched a whole window', () => {
    const guard = new FrameGuard(0)
    guard.frame(16)
    expect(guard.fps(500)).toBeNull()
    expect(guard.rest(100, 500)).toBe(0)
  })
})
