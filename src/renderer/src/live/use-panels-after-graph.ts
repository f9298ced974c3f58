import { useCallback, useEffect, useState } from 'react'

/**
 * From this many nodes, the panels below the graph (the network's tree, the event log, the chain
 * history, the charts) are first rendered once the graph's first frame is on screen. Their first
 * render and layout took the page's thread about 180 ms before sigma could start, and a large
 * graph is what a person waits for: 2,000 nodes were on screen at 757-828 ms with those panels
 * left out against 950-1,136 ms with them (headless Chromium, four page loads each in turn).
 * Below it the graph is drawn in a frame or two and nothing is gained by waiting.
 */
export const PANELS_AFTER_GRAPH_FROM = 200

/**
 * The most the panels wait for the graph: a graph that never says it is drawn (no WebGL, a
 * failure it shows in place of itself) does not keep the rest of the page away.
 */
export const PANELS_WAIT_AT_MOST_MS = 3_000

/**
 * Whether the panels below the graph may render yet, and what the graph calls once its first
 * frame is on screen. `nodes` is the network's size, null until the page has the network. The
 * wait is for a page opening on a large network: once shown the panels stay, whatever network
 * comes next.
 */
export function usePanelsAfterGraph(nodes: number | null): {
  readonly shown: boolean
  readonly graphShown: () => void
} {
  const [settled, setSettled] = useState(false)
  const waiting = !settled && (nodes === null || nodes >= PANELS_AFTER_GRAPH_FROM)
  const graphShown = useCallback(() => setSettled(true), [])
  useEffect(() => {
    if (settled || nodes === null) return
    if (nodes < PANELS_AFTER_GRAPH_FROM) return setSettled(true)
    const timer = setTimeout(graphShown, PANELS_WAIT_AT_MOST_MS)
    return () => clearTimeout(timer)
  }, [settled, nodes, graphShown])
  return { shown: !waiting, graphShown }
}
