import { describe, expect, it } from 'vitest'
import { FramePacer } from '../../../src/renderer/src/charts/frame-pacer'

/** A pacer on a fake clock whose frames run when the test says, each `frameMs` apart. */
function pacerOnFakeFrames(share = 0.3, frameMs = 16) {
  let now = 0
  let queued: ((at: number) => void)[] = []
  const pacer = new FramePacer(
    share,
    (run) => queued.push(run),
    () => now,
  )
  /** Runs the next frame (each callback given the frame's time); a redraw costs clock time. */
  const frame = () => {
    now += frameMs
    const at = now
    const runs = queued
    queued = []
    for (const run of runs) run(at)
    return at
  }
  const chart = (name: string, drawn: string[], costMs = 1) => ({
    redraw: () => {
      drawn.push(name)
      now += costMs
    },
  })
  return { pacer, frame, chart }
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
    // Yet every chart got its turns.
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f'])
      expect(drawn.filter((d) => d === name).length).toBeGreaterThan(5)
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
