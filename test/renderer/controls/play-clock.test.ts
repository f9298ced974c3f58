import { describe, expect, it } from 'vitest'
import { PlayClock, SPEEDS } from '../../../src/renderer/src/controls/play-clock'

/**
 * Plays for `ms` with step requests that each take `latency` ms plus `perClock` ms a clock (or
 * what `perClock` says the clock numbered costs);
 * returns the clocks asked for, the requests made and the longest request.
 */
function simulate(
  speed: number,
  latency: number,
  ms: number,
  perClock: number | ((clock: number) => number) = 0,
) {
  let now = 0
  const clock = new PlayClock(speed, now)
  let clocks = 0
  let requests = 0
  let longest = 0
  const cost = typeof perClock === 'number' ? () => perClock : perClock
  while (now < ms) {
    const n = clock.due(now)
    let took = latency
    for (let c = clocks + 1; c <= clocks + n; c++) took += cost(c)
    longest = Math.max(longest, took)
    now += took
    clocks += n
    requests++
    now += clock.record(n, now, took)
  }
  return { clocks, requests, longest, achieved: clock.achieved(now) ?? 0 }
}

describe('playing the clock at a set speed', () => {
  it('asks for one clock at a time at slow speeds, waiting between them', () => {
    const { clocks, requests } = simulate(5, 3, 10_000)
    expect(requests).toBe(clocks)
    expect(clocks).toBeGreaterThanOrEqual(49)
    expect(clocks).toBeLessThanOrEqual(51)
  })

  it('makes up for slow answers with bigger steps, so the rate holds', () => {
    // Every request takes 300 ms however many clocks it asks for, yet 30 clocks/s are reached
    // once the player has seen how the answers come (the first second or so).
    const { clocks, requests, achieved } = simulate(30, 300, 10_000)
    expect(clocks / 10).toBeGreaterThanOrEqual(0.9 * 30)
    expect(requests).toBeLessThan(40)
    expect(achieved).toBeGreaterThan(0.95 * 30)
  })

  it('reaches a thousand clocks a second with a few dozen requests a second', () => {
    const { clocks, requests } = simulate(1000, 8, 5_000)
    expect(clocks / 5).toBeGreaterThanOrEqual(950)
    expect(requests / 5).toBeLessThan(130)
  })

  it('sends requests a frame apart at most however fast the answers come, and keeps the rate', () => {
    // Three nodes answer in 2 ms: asking again at once made 300 requests a second.
    for (const speed of [100, 1000]) {
      const { clocks, requests } = simulate(speed, 2, 5_000)
      expect(requests / 5).toBeLessThanOrEqual(61)
      expect(clocks / 5).toBeGreaterThanOrEqual(0.97 * speed)
      expect(clocks / 5).toBeLessThanOrEqual(1.01 * speed)
    }
  })

  it('plays at least 1,000 clocks a second with room to spare at the top setting', () => {
    // Set at 1,000 the player reaches 1,000 at best (it asks for every clock due since the
    // press): the top setting is above it.
    const top = Math.max(...SPEEDS)
    expect(top).toBeGreaterThanOrEqual(2000)
    const { clocks, requests } = simulate(top, 8, 5_000)
    expect(clocks / 5).toBeGreaterThanOrEqual(0.97 * top)
    expect(requests / 5).toBeLessThanOrEqual(61)
  })

  it('keeps each request short on a slow network, so that Pause is never kept waiting', () => {
    // Thousands of nodes: 100 ms a clock. At 1,000 clocks/s it could ask for 500 at once.
    const { longest, achieved } = simulate(1000, 5, 10_000, 100)
    expect(longest).toBeLessThan(400)
    // As fast as such a network goes.
    expect(achieved).toBeGreaterThan(8)
  })

  it('keeps each request short where most clocks are quick and a few are slow', () => {
    // 2,000 nodes: an idle clock steps in 0.1 ms, a clock that a block crosses the network in
    // takes 300 ms, one in 50. Sized by the quickest pace, a request stepped hundreds of clocks
    // with a dozen blocks in them: seconds of the lab's time that the page took in at once.
    const cost = (clock: number) => (clock % 50 === 0 ? 300 : 0.1)
    const { longest, achieved } = simulate(1000, 5, 20_000, cost)
    expect(longest).toBeLessThan(2 * 300)
    // As fast as such a network goes: 50 clocks in about 305 ms.
    expect(achieved).toBeGreaterThan(0.8 * (50_000 / 305))
  })

  it('follows a network that slows: its requests are short again within a few seconds', () => {
    // A workload switched on after 5 s: every clock costs ten times as much from then on.
    let now = 0
    let slowest = 0
    const clock = new PlayClock(1000, now)
    while (now < 15_000) {
      const n = clock.due(now)
      const took = 5 + n * (now < 5_000 ? 0.5 : 5)
      now += took
      if (now > 10_000) slowest = Math.max(slowest, took)
      now += clock.record(n, now, took)
    }
    expect(slowest).toBeLessThan(2 * 150)
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

  it('reports the rate reached as it is, read at any moment between two answers', () => {
    // 1,000 a second, answered every 80 ms (a busy page): read at every millisecond between.
    const clock = new PlayClock(1000, 0)
    let now = 0
    for (let i = 0; i < 40; i++) {
      now += 80
      clock.record(80, now, 5)
    }
    for (let since = 0; since < 80; since++) {
      expect(clock.achieved(now + since)).toBeGreaterThan(995)
      expect(clock.achieved(now + since)).toBeLessThan(1005)
    }
    // No answer for a second: the rate shown falls.
    expect(clock.achieved(now + 1000)).toBeLessThan(700)
  })

  it("reports the network's own clock per second, which others may move too", () => {
    const clock = new PlayClock(10, 0)
    // Playing from clock 500, one clock a request, while another client steps 10 a second more.
    let now = 0
    let network = 500
    for (let i = 0; i < 20; i++) {
      now += 100
      network += 2
      clock.record(1, now, 5, network)
    }
    // 20 a second, not the 10 this player asked for.
    expect(clock.achieved(now)).toBeGreaterThan(19)
    expect(clock.achieved(now)).toBeLessThan(21)
  })
})
