import { describe, expect, it } from 'vitest'
import { summariseStatuses } from '../../../src/renderer/src/charts/status-summary'
import type { StatusSpan } from '../../../src/renderer/src/store/series'

const span = (
  node: string,
  status: StatusSpan['status'],
  from: number,
  to: number,
): StatusSpan => ({
  node,
  status,
  from,
  to,
})

describe('the status timeline of a large network: nodes per status per clock', () => {
  const spans = [
    span('node1', 'mining', 0, 3),
    span('node2', 'mining', 2, 5),
    span('node3', 'receiving-block', 4, 4),
    span('node3', 'idle', 0, 3),
  ]

  it('counts the nodes in each status at each clock, the rest idle', () => {
    const buckets = summariseStatuses(spans, 10, 0, 5)
    expect(buckets.map((b) => b.counts.mining)).toEqual([1, 1, 2, 2, 1, 1])
    expect(buckets.map((b) => b.counts['receiving-block'])).toEqual([0, 0, 0, 0, 1, 0])
    expect(buckets.map((b) => b.counts.idle)).toEqual([9, 9, 8, 8, 8, 9])
  })

  it('averages over buckets when the window is wider than the chart', () => {
    const buckets = summariseStatuses(spans, 10, 0, 5, 3)
    expect(buckets.map((b) => [b.from, b.to])).toEqual([
      [0, 1],
      [2, 3],
      [4, 5],
    ])
    expect(buckets.map((b) => b.counts.mining)).toEqual([1, 2, 1])
    expect(buckets[2]?.counts['receiving-block']).toBe(0.5)
  })

  it('counts a summarised span for its busy share only, and clips spans to the window', () => {
    const buckets = summariseStatuses(
      [{ ...span('node1', 'mining', 0, 9), share: 0.5 }, span('node2', 'mining', 5, 20)],
      4,
      8,
      9,
    )
    expect(buckets.map((b) => b.counts.mining)).toEqual([1.5, 1.5])
    expect(buckets.map((b) => b.counts.idle)).toEqual([2.5, 2.5])
  })
})
