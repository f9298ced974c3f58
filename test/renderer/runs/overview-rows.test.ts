import { describe, expect, it } from 'vitest'
import { overviewRows } from '../../../src/renderer/src/runs/overview-rows'
import type { BucketedSeries } from '../../../src/shared/run-types'

describe("an overview's rows", () => {
  it("carry the whole network's summary of each bucket: lowest and highest chain, pooled transactions", () => {
    const bucket = (
      clock: number,
      heights: Record<string, number>,
      pools: Record<string, number>,
    ) => ({ clock, to: clock + 9, heights, pools }) as unknown as BucketedSeries['buckets'][number]
    const series = {
      buckets: [
        bucket(0, { node1: 2, node2: 5, node3: 3 }, { node1: 1, node2: 0, node3: 4 }),
        bucket(10, {}, {}),
      ],
    } as unknown as BucketedSeries
    const rows = overviewRows(series)
    expect(rows.map((r) => r.summary)).toEqual([
      { lowestHeight: 2, highestHeight: 5, totalPool: 5 },
      { lowestHeight: 0, highestHeight: 0, totalPool: 0 },
    ])
    expect(rows[0]!.heights).toEqual({ node1: 2, node2: 5, node3: 3 })
  })
})
