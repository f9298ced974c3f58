// @vitest-environment happy-dom
import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import {
  PANELS_AFTER_GRAPH_FROM,
  PANELS_WAIT_AT_MOST_MS,
  usePanelsAfterGraph,
} from '../../../src/renderer/src/live/use-panels-after-graph'

const LARGE = PANELS_AFTER_GRAPH_FROM
const SMALL = PANELS_AFTER_GRAPH_FROM - 1

const panels = (nodes: number | null) =>
  renderHook(({ nodes }) => usePanelsAfterGraph(nodes), { initialProps: { nodes } })

describe('the panels below the graph of a page opening on a large network', () => {
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
  })

  it('are rendered at once with a small network, and after the graph with a large one', () => {
    expect(panels(SMALL).result.current.shown).toBe(true)
    const large = panels(LARGE)
    expect(large.result.current.shown).toBe(false)
    act(() => large.result.current.graphShown())
    expect(large.result.current.shown).toBe(true)
  })

  it('wait for the network itself before judging its size', () => {
    const page = panels(null)
    expect(page.result.current.shown).toBe(false)
    page.rerender({ nodes: LARGE })
    expect(page.result.current.shown).toBe(false)
    act(() => page.result.current.graphShown())
    expect(page.result.current.shown).toBe(true)
  })

  it('stay once shown, whatever network comes next', () => {
    const page = panels(SMALL)
    page.rerender({ nodes: LARGE * 50 })
    expect(page.result.current.shown).toBe(true)
    const large = panels(LARGE)
    act(() => large.result.current.graphShown())
    large.rerender({ nodes: LARGE * 50 })
    expect(large.result.current.shown).toBe(true)
  })

  it('do not wait for a graph that never says it is drawn longer than the most', () => {
    vi.useFakeTimers()
    const page = panels(LARGE)
    act(() => vi.advanceTimersByTime(PANELS_WAIT_AT_MOST_MS - 1))
    expect(page.result.current.shown).toBe(false)
    act(() => vi.advanceTimersByTime(1))
    expect(page.result.current.shown).toBe(true)
  })
})
