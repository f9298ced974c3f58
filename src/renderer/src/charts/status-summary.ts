import { NODE_STATUSES, type NodeStatus } from '../../../shared/engine-terms'
import type { StatusSpan } from '../store/series'

/** How many nodes were in each status, on average over a bucket of clocks. */
export interface StatusBucket {
  readonly from: number
  /** Inclusive. */
  readonly to: number
  readonly counts: Readonly<Record<NodeStatus, number>>
}

/**
 * Nodes per status per clock over from..to, in at most `maxBuckets` buckets: the status timeline
 * of a network too large for a lane per node. A node counts as idle wherever no span says
 * otherwise; a span that summarises a stretch (`share`) counts for its busy share.
 */
export function summariseStatuses(
  spans: readonly StatusSpan[],
  nodeCount: number,
  from: number,
  to: number,
  maxBuckets = 200,
): StatusBucket[] {
  if (to < from) return []
  const width = Math.max(1, Math.ceil((to - from + 1) / maxBuckets))
  const count = Math.ceil((to - from + 1) / width)
  const busy = NODE_STATUSES.filter((s) => s !== 'idle')
  const sums = new Map(busy.map((s) => [s, new Float64Array(count)]))
  for (const span of spans) {
    if (span.status === 'idle') continue
    const start = Math.max(span.from, from)
    const end = Math.min(span.to, to)
    if (end < start) continue
    const into = sums.get(span.status) as Float64Array
    const weight = span.share ?? 1
    // Clock-node pairs per bucket, a bucket at a time rather than a clock at a time.
    for (let b = Math.floor((start - from) / width); b <= Math.floor((end - from) / width); b++) {
      const lo = Math.max(start, from + b * width)
      const hi = Math.min(end, from + (b + 1) * width - 1)
      into[b] = (into[b] as number) + weight * (hi - lo + 1)
    }
  }
  const out: StatusBucket[] = []
  for (let b = 0; b < count; b++) {
    const lo = from + b * width
    const hi = Math.min(to, lo + width - 1)
    const clocks = hi - lo + 1
    const counts = {} as Record<NodeStatus, number>
    let notIdle = 0
    for (const status of busy) {
      counts[status] = ((sums.get(status) as Float64Array)[b] as number) / clocks
      notIdle += counts[status]
    }
    counts.idle = Math.max(0, nodeCount - notIdle)
    out.push({ from: lo, to: hi, counts })
  }
  return out
}
