import type { BucketedSeries } from '../../../shared/run-types'
import type { StatusSpan } from '../store/series'

/**
 * The status timeline of an overview: per node and bucket, what the node did most besides
 * idling, as strong as the share of the bucket it was busy.
 */
export function overviewSpans(series: BucketedSeries): StatusSpan[] {
  const spans: StatusSpan[] = []
  for (const bucket of series.buckets)
    for (const node of series.nodes) {
      const status = bucket.activity[node]
      if (status === undefined || status === 'idle') continue
      const clocks = bucket.to - bucket.clock + 1
      spans.push({
        node,
        status,
        from: bucket.clock,
        to: bucket.to,
        share: (bucket.busy[node] ?? 0) / clocks,
      })
    }
  return spans
}

/** Balances per account at each bucket's end, drawn at the bucket's clock like every series. */
export function overviewBalances(series: BucketedSeries): Record<string, number>[] {
  return series.buckets.map((bucket) => ({ ...bucket.balances, clock: bucket.clock }))
}
