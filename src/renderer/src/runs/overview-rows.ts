import type { BucketedSeries } from '../../../shared/run-types'
import type { NetworkSummary, StatusSpan } from '../store/series'
import type { StatusBucket } from '../charts/status-summary'

/**
 * The status timeline of an overview: per node and bucket, what the node did most besides
 * idling, as strong as the share of the bucket it was busy.
 */
export function overviewSpans(series: BucketedSeries): StatusSpan[] {
  const spans: StatusSpan[] = []
  // A summarised answer has the followed node's rows alone: the others' are not looked for.
  const nodes = series.summarised ? [series.balancesOf] : series.nodes
  for (const bucket of series.buckets)
    for (const node of nodes) {
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

/**
 * The overview's buckets with the whole network's summary in each, worked out once per answer:
 * the charts would otherwise work it out from 2,000 nodes' heights in every bucket on every
 * scrubbed clock (their cursor moves), most of a scrub's time in the page. A summarised answer
 * (a large run) brings it from the main side, its rows holding one node.
 */
export function overviewRows(
  series: BucketedSeries,
): (BucketedSeries['buckets'][number] & { summary: NetworkSummary })[] {
  return series.buckets.map((bucket) => {
    if (bucket.network) {
      const { lowestHeight, highestHeight, totalPool } = bucket.network
      return { ...bucket, summary: { lowestHeight, highestHeight, totalPool } }
    }
    const heights = Object.values(bucket.heights)
    return {
      ...bucket,
      summary: {
        lowestHeight: heights.length ? Math.min(...heights) : 0,
        highestHeight: heights.length ? Math.max(...heights) : 0,
        totalPool: Object.values(bucket.pools).reduce((a, b) => a + b, 0),
      },
    }
  })
}

/**
 * A summarised overview's nodes per status per bucket, as the status timeline draws them (its
 * spans then hold the followed node's alone); undefined for an answer with every node's rows.
 */
export function overviewStatuses(series: BucketedSeries): StatusBucket[] | undefined {
  if (!series.summarised) return undefined
  return series.buckets.flatMap((bucket) =>
    bucket.network ? [{ from: bucket.clock, to: bucket.to, counts: bucket.network.statuses }] : [],
  )
}
