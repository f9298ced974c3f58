import { describe, expect, it } from 'vitest'
import { FLOOR_FPS, FrameGuard } from '../../../src/renderer/src/controls/frame-guard'
import { PlayClock } from '../../../src/renderer/src/controls/play-clock'

/**
 * Plays at `speed` for `ms` a network that steps a clock in `perClock` ms, on a page that draws
 * `busyFps` frames a second while the lab steps and `idleFps` while it rests (the two share the
 * machine), and takes in each step's events in one task of `pagePerClock` ms a clock, drawing no
 * frame meanwhile. Returns the clocks played a second and the frames drawn a second over the
 * last `tail` ms, and the guard.
 */
function play(
  speed: number,
  perClock: number,
  { ms = 20_000, busyFps = 20, idleFps = 60, pagePerClock = 0, tail = 5_000, shown = true } = {},
) {
  let now = 0
  const clock = new PlayClock(speed, now)
  const guard = new FrameGuard(now)
  let nextFrame = 0
  let clocksInTail = 0
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
    const n = clock.due(now, guard.most)
    const took = 2 + n * perClock
    drawUntil(now + took, busyFps)
    now += took + n * pagePerClock
    nextFrame = Math.max(nextFrame, now)
    if (now >= ms - tail) clocksInTail += n
    const wait = Math.max(guard.rest(took, now, n, shown), clock.record(n, now, took))
    drawUntil(now + wait, wait > 0 ? idleFps : busyFps)
    now += wait
  }
  return { rate: (clocksInTail * 1000) / tail, fps: (framesInTail * 1000) / tail, guard }
}

describe('keeping the frames while playing (FrameGuard)', () => {
  it('rests a network that keeps the lab busy until the page draws at least the floor again', () => {
    const { rate, fps, guard } = play(1000, 10)
    expect(fps).toBeGreaterThanOrEqual(FLOOR_FPS)
    expect(guard.resting).toBeGreaterThan(0)
    // Clocks are traded for frames, not given up: of the 100 a second a 10 ms clock reaches at
    // best, busy all the time, a good share is kept.
    expect(rate).toBeGreaterThan(35)
  })

  it('asks for fewer clocks a step where the page takes in each step in one long task', () => {
    // A network that steps quickly, with events the page needs 8 ms a clock to take in: steps of
    // 150 clocks were tasks of over a second.
    const { rate, fps, guard } = play(1000, 1, { busyFps: 60, pagePerClock: 8 })
    expect(fps).toBeGreaterThanOrEqual(FLOOR_FPS)
    expect(guard.most).toBeLessThan(16)
    expect(guard.paced).toBe(true)
    expect(rate).toBeGreaterThan(20)
  })

  it('never paces a network whose frames keep up, so a small one still plays at its setting', () => {
    const { rate, guard } = play(1000, 0.05, { busyFps: 60 })
    expect(guard.paced).toBe(false)
    expect(guard.most).toBe(Number.POSITIVE_INFINITY)
    expect(rate).toBeGreaterThanOrEqual(950)
  })

  it('never paces a page no one sees: a hidden page draws no frames at all', () => {
    const { guard } = play(1000, 10, { busyFps: 0.5, idleFps: 0.5, shown: false })
    expect(guard.paced).toBe(false)
  })

  it('makes steps smaller first, down to a clock, and only then rests; eases off in reverse', () => {
    const guard = new FrameGuard(0)
    let at = 0
    const frames = (fps: number, ms: number) => {
      for (const end = at + ms; at < end; at += 1000 / fps) guard.frame(at)
    }
    const limits: number[] = []
    const rests: number[] = []
    let step = 40
    // Nothing is measured in the first second, and one low reading is not yet two.
    for (let i = 0; i < 11; i++) {
      frames(10, 600)
      rests.push(guard.rest(100, at, step))
      limits.push(guard.most)
      step = Math.min(step, guard.most)
    }
    const none = Number.POSITIVE_INFINITY
    expect(limits).toEqual([none, none, 20, 10, 5, 2, 1, 1, 1, 1, 1])
    expect(rests).toEqual([0, 0, 0, 0, 0, 0, 0, 25, 50, 100, 200])
    const eased: [number, number][] = []
    for (let i = 0; i < 25; i++) {
      frames(60, 600)
      eased.push([guard.rest(100, at, step), guard.most])
      step = Math.min(40, guard.most)
    }
    // The rest goes first (by SHRINK a change), then the steps double back to no limit.
    expect(eased.findIndex(([rest]) => rest === 0)).toBeLessThan(
      eased.findIndex(([, most]) => most > 1),
    )
    expect(eased.at(-1)).toEqual([0, Number.POSITIVE_INFINITY])
    expect(guard.paced).toBe(false)
  })

  it('paces a page for a dip of a second (a burst of events) briefly and lightly at most', () => {
    const guard = new FrameGuard(0)
    let at = 0
    let paced = 0
    let least = Number.POSITIVE_INFINITY
    // Every fifth second draws 12 frames, the others 42; the guard decides every half second.
    for (let half = 0; half < 40; half++) {
      const fps = Math.floor(half / 2) % 5 === 4 ? 12 : 42
      for (const end = at + 500; at < end; at += 1000 / fps) guard.frame(at)
      guard.rest(100, at, 10)
      if (guard.paced) paced++
      least = Math.min(least, guard.most)
    }
    expect(paced / 40).toBeLessThan(0.4)
    expect(least).toBe(5)
    expect(guard.resting).toBe(0)
  })

  it('judges a page held to 30 frames a second by its own cadence: paced for a while at most', () => {
    // A power saver or a remote desktop draws at 30 a second; a missed vsync now and then reads 29.
    const guard = new FrameGuard(0)
    let at = 0
    const paced: boolean[] = []
    for (let i = 0; i < 60; i++) {
      const missed = i % 3 === 0 ? 1 : 0
      for (let n = 0; n < 18 - missed; n++, at += 1000 / 30) guard.frame(at)
      at += missed * (2000 / 30)
      guard.rest(100, at, 10)
      paced.push(guard.paced)
    }
    // Assumed a 60 Hz display for the first ten seconds, it may be paced then; never after.
    expect(paced.slice(-30).every((p) => !p)).toBe(true)
  })

  it('watches a page shown again afresh: a window of frames before judging it', () => {
    const guard = new FrameGuard(0)
    let at = 0
    for (; at < 2_000; at += 1000 / 60) guard.frame(at)
    guard.rest(100, at, 40, false)
    // Hidden for ten seconds: no frames. Shown again, its first frames are not a low rate.
    at += 10_000
    for (const end = at + 100; at < end; at += 1000 / 60) guard.frame(at)
    guard.rest(100, at, 40, true)
    expect(guard.paced).toBe(false)
    expect(guard.fps(at)).toBeNull()
  })

  it('measures nothing before it has watched a whole window', () => {
    const guard = new FrameGuard(0)
    guard.frame(16)
    expect(guard.fps(500)).toBeNull()
    expect(guard.rest(100, 500, 10)).toBe(0)
    expect(guard.most).toBe(Number.POSITIVE_INFINITY)
  })
})
