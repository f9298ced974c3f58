import { describe, expect, it } from 'vitest'
import {
  overviewRows,
  overviewSpans,
  overviewStatuses,
} from '../../../src/renderer/src/runs/overview-rows'
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

  it("of a summarised answer take the main side's summary and counts, and the followed node's spans alone", () => {
    const statuses = {
      idle: 1_990,
      mining: 6,
      'broadcasting-block': 0,
      'broadcasting-tx': 0,
      'receiving-block': 4,
      'receiving-tx': 0,
    }
    const series = {
      nodes: Array.from({ length: 2000 }, (_, i) => `node${i + 1}`),
      balancesOf: 'node7',
      summarised: true,
      buckets: [
        {
          clock: 0,
          to: 9,
          heights: { node7: 3 },
          pools: { node7: 2 },
          activity: { node7: 'mining' },
          busy: { node7: 5 },
          network: { lowestHeight: 1, highestHeight: 4, totalPool: 900, statuses },
        },
      ],
    } as unknown as BucketedSeries
    expect(overviewRows(series)[0]?.summary).toEqual({
      lowestHeight: 1,
      highestHeight: 4,
      totalPool: 900,
    })
    expect(overviewStatuses(series)).toEqual([{ from: 0, to: 9, counts: statuses }])
    expect(overviewSpans(series)).toEqual([
      { node: 'node7', status: 'mining', from: 0, to: 9, share: 0.5 },
    ])
    // An answer with every node's rows: the status timeline counts its spans itself.
    expect(overviewStatuses({ ...series, summarised: false })).toBeUndefined()
  })
})
