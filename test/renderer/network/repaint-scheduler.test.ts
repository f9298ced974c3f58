// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { RepaintScheduler, repaintGapMs } from '../../../src/renderer/src/network/repaint-scheduler'

type Exists = { node(id: string): boolean; edge(key: string): boolean }
const everything: Exists = { node: () => true, edge: () => true }

function scheduler(gap: number, exists: Exists = everything) {
  const refresh = vi.fn()
  return { refresh, painter: new RepaintScheduler({ refresh }, gap, exists) }
}

const painted = (refresh: ReturnType<typeof vi.fn>) =>
  refresh.mock.calls.map(([options]) => (options as { partialGraph: unknown }).partialGraph)

describe('repainting the graph as its looks change', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('repaints a small network on every change, and only what changed, without re-indexing', () => {
    expect(repaintGapMs(3)).toBe(0)
    const { refresh, painter } = scheduler(0)
    painter.add({ nodes: ['node1'], edges: [] })
    vi.advanceTimersByTime(0)
    painter.add({ nodes: ['node2'], edges: ['node1|node2'] })
    vi.advanceTimersByTime(0)
    expect(painted(refresh)).toEqual([
      { nodes: ['node1'], edges: [] },
      { nodes: ['node2'], edges: ['node1|node2'] },
    ])
    expect(refresh.mock.calls[0]?.[0]).toMatchObject({ skipIndexation: true, schedule: true })
  })

  it('repaints a large network at most once per gap, gathering the changes in between', () => {
    const gap = repaintGapMs(8_000)
    expect(gap).toBeGreaterThanOrEqual(50)
    expect(repaintGapMs(40_000)).toBeLessThanOrEqual(500)
    const { refresh, painter } = scheduler(gap)
    painter.add({ nodes: ['node1'], edges: [] })
    vi.advanceTimersByTime(0)
    expect(refresh).toHaveBeenCalledTimes(1)
    painter.add({ nodes: ['node2'], edges: [] })
    painter.add({ nodes: ['node3', 'node2'], edges: ['a|b'] })
    vi.advanceTimersByTime(gap - 1)
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(painter.pending).toBe(true)
    vi.advanceTimersByTime(1)
    expect(painter.pending).toBe(false)
    expect(painted(refresh)[1]).toEqual({ nodes: ['node2', 'node3'], edges: ['a|b'] })
  })

  it('repaints a selection after the next paint, not waiting for the gap', () => {
    const { refresh, painter } = scheduler(1_000)
    painter.add({ nodes: ['node1'], edges: [] })
    vi.advanceTimersByTime(0)
    painter.soon({ nodes: ['node7'], edges: [] })
    expect(refresh).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(50)
    expect(painted(refresh)[1]).toEqual({ nodes: ['node7'], edges: [] })
  })

  it("repaints a scrubbed clock's changes at once, inside the gap, with what was waiting", () => {
    const { refresh, painter } = scheduler(1_000)
    painter.add({ nodes: ['node1'], edges: [] })
    vi.advanceTimersByTime(0)
    painter.add({ nodes: ['node2'], edges: [] })
    painter.now({ nodes: ['node3'], edges: ['a|b'] })
    expect(painted(refresh)[1]).toEqual({ nodes: ['node2', 'node3'], edges: ['a|b'] })
    expect(painter.pending).toBe(false)
    // Nothing left for the gap's timer to repaint again.
    vi.advanceTimersByTime(1_000)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('syncs the looks once per repaint however many overviews arrive in between', () => {
    const sync = vi.fn(() => ({ nodes: ['node1'], edges: [] }))
    const refresh = vi.fn()
    const painter = new RepaintScheduler({ refresh }, 100, { ...everything, sync })
    expect(painter.paced).toBe(true)
    expect(scheduler(repaintGapMs(30)).painter.paced).toBe(false)
    painter.changed()
    vi.advanceTimersByTime(0)
    expect(sync).toHaveBeenCalledTimes(1)
    for (let i = 0; i < 10; i++) painter.changed()
    expect(painter.pending).toBe(true)
    vi.advanceTimersByTime(100)
    expect(sync).toHaveBeenCalledTimes(2)
    expect(refresh).toHaveBeenCalledTimes(2)
    expect(painter.pending).toBe(false)
  })

  it('syncs an overview that changed no look with nothing pending, so its clock shows at once', () => {
    // A replay's scrub often changes no node's look: the graph must say it shows the new clock
    // without a repaint, which the sync decides from `pending`.
    const pendingSeen: boolean[] = []
    const refresh = vi.fn()
    const painter: RepaintScheduler = new RepaintScheduler({ refresh }, 100, {
      ...everything,
      sync: () => {
        pendingSeen.push(painter.pending)
        return { nodes: [], edges: [] }
      },
    })
    painter.changed()
    vi.advanceTimersByTime(0)
    expect(pendingSeen).toEqual([false])
    expect(refresh).not.toHaveBeenCalled()
  })

  it('keeps repaints three of their frames apart, as long as they take', () => {
    const { painter } = scheduler(80)
    expect(painter.gapMs).toBe(80)
    // A repaint's frame of 16.7 ms (nothing beyond a plain frame) keeps the starting gap.
    painter.frameTook(1000 / 60)
    expect(painter.gapMs).toBe(80)
    // Frames of 217 ms (200 beyond a plain one) move the gap towards 600 ms.
    for (let i = 0; i < 20; i++) painter.frameTook(200 + 1000 / 60)
    expect(painter.gapMs).toBeCloseTo(600, 0)
    // Cheap again, it comes back down; never past two seconds however slow.
    for (let i = 0; i < 20; i++) painter.frameTook(20)
    expect(painter.gapMs).toBe(80)
    for (let i = 0; i < 20; i++) painter.frameTook(5_000)
    expect(painter.gapMs).toBe(2_000)
    // A small network repaints on every change, whatever the page's frames take.
    const small = scheduler(repaintGapMs(30)).painter
    small.frameTook(500)
    expect(small.gapMs).toBe(0)
  })

  it('times the frame each repaint is drawn in, to the start of the next', () => {
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
    const frameAt = (t: number) => frames.splice(0).forEach((f) => f(t))
    try {
      const { painter } = scheduler(10)
      painter.add({ nodes: ['node1'], edges: [] })
      vi.advanceTimersByTime(0)
      frameAt(1_000)
      expect(painter.gapMs).toBe(10)
      // The repaint's frame lasted 316.7 ms: half of its 300 ms excess (averaged), three times.
      frameAt(1_000 + 300 + 1000 / 60)
      expect(painter.gapMs).toBeCloseTo(450, 0)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('holds repaints while the graph is off screen, and repaints all that changed once back', () => {
    const sync = vi.fn(() => ({ nodes: ['node3'], edges: [] }))
    const refresh = vi.fn()
    const painter = new RepaintScheduler({ refresh }, 0, { ...everything, sync })
    painter.hold(true)
    painter.add({ nodes: ['node1'], edges: [] })
    painter.soon({ nodes: ['node2'], edges: ['a|b'] })
    painter.changed()
    vi.advanceTimersByTime(5_000)
    expect(refresh).not.toHaveBeenCalled()
    expect(sync).not.toHaveBeenCalled()
    expect(painter.pending).toBe(true)
    painter.hold(false)
    vi.advanceTimersByTime(0)
    expect(painted(refresh)).toEqual([{ nodes: ['node1', 'node2', 'node3'], edges: ['a|b'] }])
    // Held with nothing changed meanwhile, it has nothing to repaint when back.
    painter.hold(true)
    painter.hold(false)
    vi.advanceTimersByTime(100)
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('skips what the graph no longer has, and stops when asked', () => {
    const { refresh, painter } = scheduler(0, { node: (id) => id !== 'gone', edge: () => false })
    painter.add({ nodes: ['gone'], edges: ['a|b'] })
    vi.advanceTimersByTime(0)
    expect(refresh).not.toHaveBeenCalled()
    painter.add({ nodes: ['node1'], edges: [] })
    painter.stop()
    vi.advanceTimersByTime(100)
    expect(refresh).not.toHaveBeenCalled()
  })
})
