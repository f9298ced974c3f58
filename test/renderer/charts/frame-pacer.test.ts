import { describe, expect, it } from 'vitest'
import { FramePacer, LEAST_SHARE } from '../../../src/renderer/src/charts/frame-pacer'

/** A pacer on a fake clock whose frames run when the test says, each `frameMs` apart. */
function pacerOnFakeFrames(share = 0.3, frameMs = 16) {
  let now = 0
  let callbacks: ((at: number) => void)[] = []
  const pacer = new FramePacer(
    share,
    (run) => callbacks.push(run),
    () => now,
  )
  /**
   * Runs the next frame (each callback given the frame's time), `ms` after the last; a redraw
   * costs clock time.
   */
  const frame = (ms = frameMs) => {
    now += ms
    const at = now
    const runs = callbacks
    callbacks = []
    for (const run of runs) run(at)
    return at
  }
  const chart = (name: string, drawn: string[], costMs = 1) => ({
    redraw: () => {
      drawn.push(name)
      now += costMs
    },
  })
  /** How many frame callbacks wait for the next frame. */
  const queued = () => callbacks.length
  return { pacer, frame, chart, frameMs, queued }
}

describe('charts redrawn in turn, one a frame', () => {
  it('redraws at most one chart a frame, the longest-waiting first', () => {
    const { pacer, frame, chart } = pacerOnFakeFrames()
    const drawn: string[] = []
    const a = chart('a', drawn)
    const b = chart('b', drawn)
    const c = chart('c', drawn)
    for (const who of [a, b, c]) pacer.request(who, who.redraw)
    frame()
    expect(drawn).toEqual(['a'])
    frame()
    frame()
    expect(drawn).toEqual(['a', 'b', 'c'])
    frame()
    expect(drawn).toEqual(['a', 'b', 'c'])
  })

  it('keeps a chart in its place when newer data comes while it waits, and draws the newest', () => {
    const { pacer, frame } = pacerOnFakeFrames()
    const drawn: string[] = []
    const a = {}
    const b = {}
    pacer.request(a, () => drawn.push('a1'))
    pacer.request(b, () => drawn.push('b1'))
    // Data for both changes every frame: a does not go behind b, nor b starve.
    pacer.request(a, () => drawn.push('a2'))
    frame()
    pacer.request(b, () => drawn.push('b2'))
    pacer.request(a, () => drawn.push('a3'))
    frame()
    frame()
    expect(drawn).toEqual(['a2', 'b2', 'a3'])
  })

  it('forgets a chart that withdrew (unmounted, or scrolled out of view)', () => {
    const { pacer, frame } = pacerOnFakeFrames()
    const drawn: string[] = []
    const withdraw = pacer.request({}, () => drawn.push('gone'))
    pacer.request({}, () => drawn.push('kept'))
    withdraw()
    frame()
    expect(drawn).toEqual(['kept'])
    expect(pacer.pending).toBe(0)
  })

  it('gives charts no more than their share of the time when each redraw is slow', () => {
    // Six charts whose data changes every frame, each redraw taking 40 ms: twice a frame.
    const { pacer, frame, chart } = pacerOnFakeFrames(0.3, 16)
    const drawn: string[] = []
    const charts = ['a', 'b', 'c', 'd', 'e', 'f'].map((name) => chart(name, drawn, 40))
    let frames = 0
    let elapsedBySelf = 0
    for (let i = 0; i < 300; i++) {
      for (const c of charts) pacer.request(c, c.redraw)
      frame()
      frames++
      elapsedBySelf += 16
    }
    const chartMs = drawn.length * 40
    const totalMs = elapsedBySelf + chartMs
    expect(chartMs / totalMs).toBeLessThanOrEqual(0.32)
    // Yet every chart got its turns, though each redraw costs frames and so the share shrinks.
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f'])
      expect(drawn.filter((d) => d === name).length).toBeGreaterThanOrEqual(3)
    expect(pacer.currentShare).toBeLessThan(0.3)
    expect(frames).toBe(300)
  })

  it('says which frames a redraw takes: the one it ran in, and one its turn is due in', () => {
    const { pacer, frame, chart } = pacerOnFakeFrames(0.3, 16)
    const drawn: string[] = []
    const a = chart('a', drawn, 80)
    expect(pacer.takes(16)).toBe(false)
    pacer.request(a, a.redraw)
    // Asked for, with credit saved: the next frame is the chart's.
    expect(pacer.takes(16)).toBe(true)
    const drewIn = frame()
    expect(drawn).toEqual(['a'])
    expect(pacer.takes(drewIn)).toBe(true)
    // Asked again at once, the 80 ms redraw spent the credit: the next frames are not taken.
    pacer.request(a, a.redraw)
    expect(pacer.takes(drewIn + 16)).toBe(false)
    frame()
    expect(drawn).toEqual(['a'])
  })

  it('redraws every frame when redraws are cheap', () => {
    const { pacer, frame, chart } = pacerOnFakeFrames(0.3, 16)
    const drawn: string[] = []
    const a = chart('a', drawn, 1)
    for (let i = 0; i < 60; i++) {
      pacer.request(a, a.redraw)
      frame()
    }
    expect(drawn).toHaveLength(60)
  })
})

describe('the charts give way to the frames', () => {
  /**
   * Frames for `seconds` with a chart always behind, each on time (the fake's cadence) but for
   * every `lostEvery`th, which comes a frame late; `jitter` ms either way on every frame's time.
   */
  function play(
    { pacer, frame, frameMs }: ReturnType<typeof pacerOnFakeFrames>,
    seconds: number,
    { lostEvery = 0, jitter = 0 } = {},
  ) {
    const who = {}
    let drift = 0
    for (let i = 0; i < (seconds * 1000) / frameMs; i++) {
      pacer.request(who, () => {})
      // Alternately early and late, by up to `jitter`: the times wander, the frames keep time.
      const next = jitter * (i % 3 === 0 ? 1 : i % 3 === 1 ? -1 : 0)
      const late = lostEvery > 0 && i % lostEvery === 0 ? frameMs : 0
      frame(frameMs + late + next - drift)
      drift = next
    }
  }

  it('takes a smaller share while frames are lost, down to the least, and all of it back', () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    expect(fake.pacer.currentShare).toBe(0.15)
    // One frame in five late: 83 % of the display's frames kept.
    play(fake, 3, { lostEvery: 5 })
    const shrunk = fake.pacer.currentShare
    expect(shrunk).toBeLessThan(0.1)
    play(fake, 10, { lostEvery: 5 })
    expect(fake.pacer.currentShare).toBe(LEAST_SHARE)
    // Every frame on time again: the share grows back to the most, and no further.
    play(fake, 10)
    expect(fake.pacer.currentShare).toBe(0.15)
  })

  it('holds its share between the two marks: shrunk, it neither shrinks nor grows', () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    play(fake, 2, { lostEvery: 5 })
    const shrunk = fake.pacer.currentShare
    // One frame in twenty late: 95 % kept.
    play(fake, 5, { lostEvery: 20 })
    expect(fake.pacer.currentShare).toBe(shrunk)
  })

  it('keeps its share where a frame now and then is late', () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    // One frame in forty late: 97.5 % kept.
    play(fake, 5, { lostEvery: 40 })
    expect(fake.pacer.currentShare).toBe(0.15)
  })

  it('counts no frame lost when the frames keep time but their times jitter', () => {
    const fake = pacerOnFakeFrames(0.15, 16.7)
    play(fake, 10, { jitter: 2 })
    expect(fake.pacer.currentShare).toBe(0.15)
  })

  it('keeps its share on a page held to 30 frames a second, which loses none', () => {
    const fake = pacerOnFakeFrames(0.15, 33.3)
    play(fake, 5)
    expect(fake.pacer.currentShare).toBe(0.15)
  })

  it("knows a page losing every other frame from a display of half the rate, once it has seen the display's", () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    play(fake, 2)
    play(fake, 3, { lostEvery: 1 })
    expect(fake.pacer.currentShare).toBeLessThan(0.06)
  })

  it('stops watching about a second after the last request, and starts afresh', () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    fake.pacer.request({}, () => {})
    let frames = 0
    while (fake.queued() > 0 && frames < 1_000) {
      fake.frame()
      frames++
    }
    // The redraw's frame, then a second's frames (1,000 ms of 16 ms ones) watched for more.
    expect(frames).toBeGreaterThanOrEqual(60)
    expect(frames).toBeLessThanOrEqual(65)
    // Asked again half a second later, 20 times over: the half second is no frames lost.
    const who = {}
    for (let i = 0; i < 20; i++) {
      fake.frame(500)
      fake.pacer.request(who, () => {})
      for (let f = 0; f < 70; f++) fake.frame()
    }
    expect(fake.pacer.currentShare).toBe(0.15)
  })

  it('stops watching once a withdrawn chart leaves nothing asked', () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    const withdraw = fake.pacer.request({}, () => {})
    withdraw()
    for (let f = 0; f < 70; f++) fake.frame()
    expect(fake.queued()).toBe(0)
  })

  it('counts no frames lost while no chart was asked for, nor while the page was hidden', () => {
    const fake = pacerOnFakeFrames(0.15, 16)
    const who = {}
    for (let i = 0; i < 10; i++) {
      // A chart behind, drawn, then nothing asked for 1.5 s (a slow clock, or a paused one):
      // the pacer stops watching, and the three seconds without a frame after it lose none.
      fake.pacer.request(who, () => {})
      for (let f = 0; f < 90; f++) fake.frame()
      fake.frame(3_000)
    }
    expect(fake.pacer.currentShare).toBe(0.15)
    // A page hidden while charts were asked for: its first frame back comes 5 s after the last.
    for (let i = 0; i < 10; i++) {
      fake.pacer.request(who, () => {})
      fake.frame(i === 5 ? 5_000 : 16)
    }
    expect(fake.pacer.currentShare).toBe(0.15)
  })
})
