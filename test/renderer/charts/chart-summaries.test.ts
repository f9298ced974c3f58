import { describe, expect, it } from 'vitest'
import { statusesAt, totalsOver, valuesAt } from '../../../src/renderer/src/charts/chart-summaries'

const rows = [
  { clock: 1, 'h:node1': 0, 'h:node2': 0, NEW_BLOCK: 0, depth: 0 },
  { clock: 2, 'h:node1': 1, 'h:node2': 0, NEW_BLOCK: 2, depth: 1 },
  { clock: 3, 'h:node1': 2, 'h:node2': 1, NEW_BLOCK: 1, depth: 0 },
]
const heights = [
  { key: 'h:node1', name: 'node1' },
  { key: 'h:node2', name: 'node2' },
]

describe('a chart in a sentence', () => {
  it('says each series at the last clock, or at the clock a replay shows', () => {
    expect(valuesAt('Chain height', rows, heights)).toBe(
      'Chain height at clock 3: node1 2, node2 1.',
    )
    expect(valuesAt('Chain height', rows, heights, 2)).toBe(
      'Chain height at clock 2: node1 1, node2 0.',
    )
    expect(valuesAt('Chain height', [], heights)).toBe('Chain height: no data yet.')
  })

  it('sums counts per clock over the window, or takes their largest', () => {
    expect(
      totalsOver(
        'Messages sent',
        rows,
        [
          { key: 'NEW_BLOCK', name: 'NEW_BLOCK' },
          { key: 'depth', name: 'deepest', max: true },
        ],
        1,
        3,
      ),
    ).toBe('Messages sent over clocks 1–3: NEW_BLOCK 3, deepest 1.')
  })

  it("names each node's status in words for a few nodes, and counts them for many", () => {
    const spans = [
      { node: 'node1', status: 'mining' as const, from: 2, to: 4 },
      { node: 'node2', status: 'receiving-tx' as const, from: 3, to: 3 },
    ]
    expect(statusesAt(['node1', 'node2', 'node3'], spans, 3, 24)).toBe(
      'Statuses at clock 3: node1 mining, node2 receiving a transaction, node3 idle.',
    )
    expect(statusesAt(['node1', 'node2', 'node3'], spans, 3, 2)).toBe(
      'Statuses of 3 nodes at clock 3: 1 idle, 1 mining, 1 receiving a transaction.',
    )
  })
})
