import { describe, expect, it } from 'vitest'
import { executeCommand } from '../../../src/core/commands'
import { Network } from '../../../src/core/network/network'
import { SeriesBuilder } from '../../../src/renderer/src/store/series'

/** The spec timeline's events, from the real engine. */
function timelineEvents() {
  const network = new Network({ difficulty: 4 })
  executeCommand(network, { type: 'start' })
  executeCommand(network, {
    type: 'submit-tx',
    node: 'node1',
    tx: { sender: 'aki', recipient: 'so', value: 1 },
  })
  executeCommand(network, { type: 'step', clocks: 4 })
  executeCommand(network, { type: 'mine', node: 'node1' })
  executeCommand(network, { type: 'step', clocks: 6 })
  return network.drainEvents()
}

describe('chart series from the event stream', () => {
  it('follows each chain height and pool, clock by clock', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const rows = series.window(0, 10)
    expect(rows.map((r) => r.heights['node1'])).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    expect(rows.map((r) => r.heights['node3'])).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
    expect(rows.map((r) => r.pools['node2'])).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0])
  })

  it('counts the messages sent in each clock by type', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const rows = series.window(0, 10)
    expect(rows[2]?.messages).toEqual({ NEW_TX: 2 })
    expect(rows[3]?.messages).toEqual({ NEW_TX: 4, ACK_TX: 2 })
    expect(rows[8]?.messages).toEqual({ NEW_BLOCK: 2 })
  })

  it('turns status changes into spans for the status timeline', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const node1 = series.statusSpans(0, 10).filter((s) => s.node === 'node1' && s.status !== 'idle')
    expect(node1.map((s) => [s.status, s.from, s.to])).toEqual([
      ['receiving-tx', 1, 1],
      ['broadcasting-tx', 2, 2],
      ['mining', 5, 7],
      ['broadcasting-block', 8, 8],
    ])
  })

  it('merges clocks into buckets for a long window, keeping totals', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const buckets = series.window(0, 10, 3)
    expect(buckets.length).toBeLessThanOrEqual(4)
    const total = (rows: typeof buckets) =>
      rows.reduce((sum, r) => sum + Object.values(r.messages).reduce((a, b) => a + (b ?? 0), 0), 0)
    expect(total(buckets)).toBe(total(series.window(0, 10)))
  })
})
