import { describe, expect, it } from 'vitest'
import { PlayClock } from '../../../src/renderer/src/controls/play-clock'

/** Plays for `ms` with step requests that each take `latency` ms; returns clocks asked for. */
function simulate(speed: number, latency: number, ms: number) {
  let now = 0
  const clock = new PlayClock(speed, now)
  let clocks = 0
  let requests = 0
  while (now < ms) {
    const n = clock.due(now)
    now += latency
    clocks += n
    requests++
    now += clock.record(n, now)
  }
  return { clocks, requests, achieved: clock.achieved(now) ?? 0 }
}

describe('playing the clock at a set speed', () => {
  it('asks for one clock at a time at slow speeds, waiting between them', () => {
    const { clocks, requests } = simulate(5, 3, 10_000)
    expect(requests).toBe(clocks)
    expect(clocks).toBeGreaterThanOrEqual(49)
    expect(clocks).toBeLessThanOrEqual(51)
  })

  it('makes up for slow answers with bigger steps, so the rate holds', () => {
    // A large network: every request takes 300 ms, yet 30 clocks/s are reached.
    const { clocks, requests, achieved } = simulate(30, 300, 10_000)
    expect(clocks / 10).toBeGreaterThanOrEqual(0.95 * 30)
    expect(requests).toBeLessThan(40)
    expect(achieved).toBeGreaterThan(0.95 * 30)
  })

  it('reaches a thousand clocks a second with a few dozen requests a second', () => {
    const { clocks, requests } = simulate(1000, 8, 5_000)
    expect(clocks / 5).toBeGreaterThanOrEqual(950)
    expect(requests / 5).toBeLessThan(130)
  })

  it('forgives a long stall instead of bursting ahead to catch up', () => {
    const clock = new PlayClock(10, 0)
    expect(clock.due(0)).toBe(1)
    clock.record(1, 0)
    // Ten seconds in a background tab: at most half a second's worth at once.
    expect(clock.due(10_000)).toBe(5)
    clock.record(5, 10_000)
    expect(clock.due(10_100)).toBe(1)
  })

  it('reports the rate reached only once it has been measured for a while', () => {
    const clock = new PlayClock(100, 0)
    clock.record(clock.due(0), 10)
    expect(clock.achieved(100)).toBeNull()
    // Requests so slow that only ten clocks a second get through.
    let now = 10
    for (let i = 0; i < 20; i++) {
      now += 100
      clock.record(1, now)
    }
    expect(clock.achieved(now)).toBeCloseTo(10, 0)
  })
})
