// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Charts } from '../../../src/renderer/src/charts/Charts'
import { FramePacer } from '../../../src/renderer/src/charts/frame-pacer'
import { drivenObserver } from '../driven-observer'

const row = (clock: number, h1: number, h2: number) => ({
  clock,
  heights: { node1: h1, node2: h2 },
  pools: { node1: 0, node2: 2 },
  messages: { NEW_BLOCK: 1 },
  forks: 0,
  reorgs: clock === 3 ? 1 : 0,
  reorgDepth: clock === 3 ? 1 : 0,
})

describe('the charts for a keyboard and a screen reader', () => {
  afterEach(cleanup)

  it('are a tab stop each, described by what they show at the last clock', () => {
    render(
      <Charts
        nodes={['node1', 'node2']}
        rows={[row(1, 0, 0), row(2, 1, 0), row(3, 1, 1)]}
        spans={[{ node: 'node1', status: 'mining', from: 3, to: 3 }]}
        balances={[{ clock: 3, aki: 10, so: 0 }]}
        accounts={['aki', 'so']}
        from={1}
        to={3}
      />,
    )
    const figures = screen.getAllByRole('figure')
    expect(figures).toHaveLength(6)
    for (const figure of figures) expect(figure.tabIndex).toBe(0)
    const described = (name: string) =>
      document.getElementById(
        screen.getByRole('figure', { name }).getAttribute('aria-describedby') ?? '',
      )?.textContent
    expect(described('Chain height per node')).toBe('Chain height at clock 3: node1 1, node2 1.')
    expect(described('Pool size per node')).toBe('Pool size at clock 3: node1 0, node2 2.')
    expect(described('Status timeline')).toBe('Statuses at clock 3: node1 mining, node2 idle.')
    expect(described('Balances per account (selected node)')).toBe(
      'Balances at clock 3: aki 10, so 0.',
    )
    expect(described('Forks and reorganisations')).toMatch(
      /reorganisations 1, deepest reorganisation 1/,
    )
    expect(described('Messages per clock by type')).toMatch(/NEW_BLOCK 3/)
  })
})

describe('the charts off screen', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  it('hold their drawing while out of view, say they are behind, and catch up in view', () => {
    const scroll = drivenObserver()
    const charts = (to: number) => (
      <Charts
        nodes={['node1', 'node2']}
        rows={[row(1, 0, 0), row(2, 1, 0), row(3, 1, to - 2)].slice(0, to)}
        spans={[]}
        balances={[]}
        accounts={['aki']}
        from={1}
        to={to}
      />
    )
    const heights = () =>
      document.getElementById(
        screen
          .getByRole('figure', { name: 'Chain height per node' })
          .getAttribute('aria-describedby') ?? '',
      )!
    const stale = () => document.querySelectorAll('figure.chart[data-stale]').length
    const { rerender } = render(charts(2))
    scroll(false)
    expect(stale()).toBe(0)
    rerender(charts(3))
    expect(stale()).toBe(6)
    // The description is the card's own and follows at once; the drawing waits.
    expect(heights().textContent).toMatch(/clock 3/)
    scroll(true)
    expect(stale()).toBe(0)
    // Drawn up to date in view: out of view again, nothing is behind.
    scroll(false)
    expect(stale()).toBe(0)
  })
})

describe('the live charts, paced', () => {
  afterEach(() => {
    cleanup()
    vi.unstubAllGlobals()
  })

  /** A pacer whose frames run when the test says. */
  function fakeFrames() {
    let queued: (() => void)[] = []
    const pacer = new FramePacer(
      1,
      (run) => queued.push(run),
      () => 0,
    )
    const frame = () =>
      act(() => {
        const runs = queued
        queued = []
        for (const run of runs) run()
      })
    return { pacer, frame }
  }

  // The same objects while they are the same, as the live view hands them.
  const nodes = ['node1', 'node2']
  const rows = [row(1, 0, 0), row(2, 1, 0), row(3, 1, 1)]
  const windows = [rows.slice(0, 1), rows.slice(0, 2), rows]
  const spans: never[] = []
  const live = (pacer: FramePacer, to: number, balances: Record<string, number>[] = []) => (
    <Charts
      nodes={nodes}
      rows={windows[to - 1]!}
      spans={spans}
      balances={balances}
      accounts={['aki']}
      from={1}
      to={to}
      pacer={pacer}
    />
  )
  const behind = () =>
    [...document.querySelectorAll('figure.chart[data-stale]')].map(
      (f) => f.querySelector('figcaption')?.textContent,
    )

  /** The live charts rendered and on screen, each drawn (one a frame) for the first time. */
  function inView(pacer: FramePacer, frame: () => void, to: number) {
    const scroll = drivenObserver()
    const rendered = render(live(pacer, to))
    scroll(true)
    for (let i = 0; i < 6; i++) frame()
    return rendered
  }

  it("draw nothing until first on screen, then one a frame: the page's first frame is not theirs", () => {
    const scroll = drivenObserver()
    const { pacer, frame } = fakeFrames()
    render(live(pacer, 3))
    // Not yet known to be on screen: nothing drawn, every chart behind, no turn asked for.
    expect(behind()).toHaveLength(6)
    expect(document.querySelectorAll('.chart-body svg')).toHaveLength(0)
    expect(pacer.pending).toBe(0)
    // Below the fold, they stay undrawn.
    scroll(false)
    frame()
    expect(pacer.pending).toBe(0)
    expect(behind()).toHaveLength(6)
    // Scrolled to: one a frame.
    scroll(true)
    expect(pacer.pending).toBe(6)
    frame()
    expect(behind()).toHaveLength(5)
    for (let i = 0; i < 5; i++) frame()
    expect(behind()).toEqual([])
  })

  it('redraw one a frame, in turn, after the rest of the page shows the change', () => {
    const { pacer, frame } = fakeFrames()
    const { rerender } = inView(pacer, frame, 2)
    expect(behind()).toEqual([])
    rerender(live(pacer, 3))
    // Every chart whose data moved waits for its turn; the timeline's spans did not change,
    // but its window did.
    expect(behind()).toHaveLength(6)
    frame()
    expect(behind()).toHaveLength(5)
    for (let i = 0; i < 5; i++) frame()
    expect(behind()).toEqual([])
  })

  it('leave alone a chart whose data did not change', () => {
    const { pacer, frame } = fakeFrames()
    const { rerender } = inView(pacer, frame, 3)
    // A new answer for the selected node: only its balances moved.
    rerender(live(pacer, 3, [{ clock: 3, aki: 10 }]))
    expect(behind()).toEqual(['Balances per account (selected node)'])
    expect(pacer.pending).toBe(1)
    frame()
    expect(behind()).toEqual([])
  })
})
