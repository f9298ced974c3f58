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

  it('counts a rival block once, however many nodes accept it off their main chain', () => {
    // Two miners at once on eight nodes: each of their blocks is a rival to most of the others.
    const network = new Network({ nodes: 8, difficulty: 4 })
    executeCommand(network, { type: 'start' })
    executeCommand(network, { type: 'mine', node: 'node1' })
    executeCommand(network, { type: 'mine', node: 'node2' })
    executeCommand(network, { type: 'step', clocks: 20 })
    const events = network.drainEvents()
    const offChain = events.flatMap((e) =>
      e.kind === 'block.accepted' && !e.onMainChain ? [e.block.hash] : [],
    )
    const rivals = new Set(offChain)
    expect(rivals.size).toBeGreaterThan(0)
    expect(offChain.length).toBeGreaterThan(rivals.size)
    const series = new SeriesBuilder(network.nodeIds)
    series.apply(events)
    // Each at the clock the first node took it in off its main chain.
    const firstOffChain = new Map<string, number>()
    for (const e of events)
      if (e.kind === 'block.accepted' && !e.onMainChain && !firstOffChain.has(e.block.hash))
        firstOffChain.set(e.block.hash, e.clock)
    const expected = new Map<number, number>()
    for (const clock of firstOffChain.values()) expected.set(clock, (expected.get(clock) ?? 0) + 1)
    const counted = series.window(0, 20).flatMap((row) => (row.forks > 0 ? [row] : []))
    expect(new Map(counted.map((row) => [row.clock, row.forks]))).toEqual(expected)
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

  it('summarises the whole network clock by clock: lowest and highest chain, pooled transactions', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const rows = series.window(0, 10, 600, { summary: true })
    const at = (clock: number) => rows[clock]?.summary
    // node1 mines block 1 at clock 7; the others accept it at clock 8.
    expect(at(6)).toEqual({ lowestHeight: 0, highestHeight: 0, totalPool: 3 })
    expect(at(7)).toEqual({ lowestHeight: 0, highestHeight: 1, totalPool: 2 })
    expect(at(8)).toEqual({ lowestHeight: 1, highestHeight: 1, totalPool: 0 })
    // The same as summing the nodes' own series.
    const all = series.window(0, 10)
    for (const [i, row] of rows.entries()) {
      const pools = Object.values(all[i]?.pools ?? {})
      expect(row.summary.totalPool).toBe(pools.reduce((a, b) => a + b, 0))
    }
  })

  it('charts only the nodes asked for, with the same values', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const some = series.window(0, 10, 600, { nodes: ['node3'], summary: true })
    expect(some.map((r) => Object.keys(r.heights))).toEqual(some.map(() => ['node3']))
    expect(some.map((r) => r.heights['node3'])).toEqual(
      series.window(0, 10).map((r) => r.heights['node3']),
    )
  })

  it('forgets what came before a clock without changing the windows after it', () => {
    const series = new SeriesBuilder(['node1', 'node2', 'node3'])
    series.apply(timelineEvents())
    const before = series.window(8, 10, 600, { summary: true })
    const spans = series.statusSpans(8, 10)
    series.forgetBefore(8)
    expect(series.window(8, 10, 600, { summary: true })).toEqual(before)
    expect(series.statusSpans(8, 10)).toEqual(spans)
    expect(series.statusSpans(0, 7).filter((s) => s.to < 8)).toEqual([])
  })
})
