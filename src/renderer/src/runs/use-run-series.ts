import { useEffect, useState } from 'react'
import type { LabClient } from '../../../shared/lab-bridge'
import type { RunSummary } from '../../../shared/run-types'
import { SeriesBuilder } from '../store/series'

/** Loading at most this many events builds the charts of a saved run in the browser. */
const MAX_EVENTS = 1_000_000

/** Loads a saved run's events page by page into chart series, with progress; cancels on change. */
export function useRunSeries(client: LabClient, run: RunSummary | null, nodes: readonly string[]) {
  const [series, setSeries] = useState<SeriesBuilder | null>(null)
  const [loaded, setLoaded] = useState(0)
  useEffect(() => {
    if (!run || nodes.length === 0) return
    let cancelled = false
    const builder = new SeriesBuilder(nodes)
    setSeries(null)
    setLoaded(0)
    void (async () => {
      let cursor: number | undefined
      let count = 0
      do {
        const page = await client.getRunEvents({
          id: run.id,
          limit: 10_000,
          ...(cursor !== undefined ? { cursor } : {}),
        })
        if (cancelled) return
        builder.apply(page.events)
        count += page.events.length
        setLoaded(count)
        cursor = page.next ?? undefined
      } while (cursor !== undefined && count < MAX_EVENTS)
      builder.advance(run.clocks)
      if (!cancelled) setSeries(builder)
    })()
    return () => {
      cancelled = true
    }
  }, [client, run, nodes])
  return { series, loaded }
}
