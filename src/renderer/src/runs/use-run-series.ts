import { useEffect, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { summaryOfSnapshot } from '../../../shared/node-summary'
import { SeriesBuilder } from '../store/series'

/**
 * A run with more events than this charts clock by clock only in a window around the scrubbed
 * clock; the whole of it, in buckets, comes from the main side (use-run-overview.ts).
 */
export const WHOLE_RUN_EVENTS = 150_000
/** The clocks a window spans; it moves when the scrubber nears its edge. */
export const WINDOW_CLOCKS = 4_000

export interface RunSeries {
  readonly series: SeriesBuilder
  readonly from: number
  readonly to: number
}

function windowAround(clock: number, clocks: number): { from: number; to: number } {
  const from = Math.max(0, Math.min(clock - WINDOW_CLOCKS / 2, clocks - WINDOW_CLOCKS))
  return { from, to: Math.min(clocks, from + WINDOW_CLOCKS) }
}

/**
 * Chart series of a saved run. A small run loads whole; a large one loads the window around the
 * scrubbed clock (events by clock are indexed, so a window opens in a fraction of a second however
 * long the run) and moves the window when the scrubber leaves its middle half.
 */
export function useRunSeries(
  client: LabClient,
  run: RunSummary | null,
  nodes: readonly string[],
  clock: number,
): { series: RunSeries | null; loaded: number; loading: boolean } {
  const [series, setSeries] = useState<RunSeries | null>(null)
  const [loaded, setLoaded] = useState(0)
  const whole = run !== null && run.events <= WHOLE_RUN_EVENTS
  const wanted =
    run === null ? null : whole ? { from: 0, to: run.clocks } : windowAround(clock, run.clocks)
  // Keep the loaded window while the scrubber stays in its middle half (or near a run's end).
  const inside =
    series !== null &&
    (whole ||
      ((series.from === 0 || clock >= series.from + WINDOW_CLOCKS / 4) &&
        (series.to === run?.clocks || clock <= series.to - WINDOW_CLOCKS / 4)))
  const key = inside || wanted === null ? null : `${wanted.from}-${wanted.to}`

  useEffect(() => {
    if (!run || nodes.length === 0 || key === null || wanted === null) return
    let cancelled = false
    const { from, to } = wanted
    setLoaded(0)
    void (async () => {
      // Only heights, pools and balances are taken: the lighter state, one node's chain in it.
      const start =
        from > 0
          ? await client.getRunState({
              id: run.id,
              clock: from,
              ...(nodes[0] ? { chainsOf: nodes[0] } : {}),
            })
          : null
      const builder = new SeriesBuilder(
        nodes,
        start
          ? {
              clock: from,
              nodes: start.nodes.map((n) => summaryOfSnapshot(n)),
            }
          : undefined,
      )
      let cursor: number | undefined
      let count = 0
      do {
        const page = await client.getRunEvents({
          id: run.id,
          limit: 10_000,
          ...(from > 0 ? { from: from + 1 } : {}),
          to,
          ...(cursor !== undefined ? { cursor } : {}),
        })
        if (cancelled) return
        builder.apply(page.events)
        count += page.events.length
        setLoaded(count)
        cursor = page.next ?? undefined
      } while (cursor !== undefined)
      builder.advance(to)
      if (!cancelled) setSeries({ series: builder, from, to })
    })()
    return () => {
      cancelled = true
    }
    // The window's key says when to load; `wanted` is derived from it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, run, nodes, key])
  return { series, loaded, loading: key !== null }
}
