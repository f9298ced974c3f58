import { describe, expect, it } from 'vitest'
import { executeCommand } from '../../../src/core/commands'
import { Network } from '../../../src/core/network/network'
import { SeriesBuilder } from '../../../src/renderer/src/store/series'
import { SeriesWindow } from '../../../src/renderer/src/store/series-window'

const NODES = ['node1', 'node2', 'node3']
const WINDOW = 200

/** A network mining every 5 clocks with a workload: forks, reorganisations, pools that move. */
function busyNetwork(): Network {
  const network = new Network({ difficulty: 4 })
  executeCommand(network, { type: 'start' })
  executeCommand(network, { type: 'set-auto-mine', interval: 5 })
  executeCommand(network, { type: 'set-workload', rate: 0.5 })
  return network
}

/**
 * Plays `clocks` clocks in batches of 1 to 7, as the live store gets them: each batch's events
 * in two parts with the clock advanced between (so that some come after their clock), a pool
 * sample after each (now and then a correction), and history let go now and then.
 */
function play(
  network: Network,
  series: SeriesBuilder,
  clocks: number,
  each: (clock: number) => void,
): void {
  let clock = 0
  for (let batch = 1; clock < clocks; batch = (batch % 7) + 1) {
    executeCommand(network, { type: 'step', clocks: batch })
    clock += batch
    const events = network.drainEvents()
    const half = Math.floor(events.length / 2)
    series.apply(events.slice(0, half))
    series.advance(clock)
    each(clock)
    series.apply(events.slice(half))
    const latest = series.window(clock, clock)[0]!.pools
    const pools = { ...latest, ...(batch === 3 ? { node2: (latest['node2'] ?? 0) + 1 } : {}) }
    series.samplePools(clock, pools)
    if (clock % 400 < batch) series.forgetBefore(clock - 300)
    each(clock)
  }
}

describe('the live charts’ window of a series', () => {
  it('reads as the whole window does at every clock of a busy run', () => {
    const network = busyNetwork()
    const series = new SeriesBuilder(NODES)
    const live = new SeriesWindow(series)
    let forks = 0
    play(network, series, 900, (clock) => {
      const from = Math.max(0, clock - WINDOW + 1)
      const rows = live.rows(from, clock)
      expect(rows).toEqual(series.window(from, clock, 600, { summary: true }))
      forks += rows[rows.length - 1]!.forks
    })
    // The run was one to test against: blocks off the main chain, not only a quiet chain.
    expect(forks).toBeGreaterThan(0)
  })

  it('reads as the whole window does for the nodes picked, and after another window took over', () => {
    const network = busyNetwork()
    const series = new SeriesBuilder(NODES)
    let picked = new SeriesWindow(series, ['node2'])
    play(network, series, 500, (clock) => {
      const from = Math.max(0, clock - WINDOW + 1)
      const want = series.window(from, clock, 600, { nodes: ['node2'], summary: true })
      expect(picked.rows(from, clock)).toEqual(want)
      if (clock === 250) {
        const older = picked
        picked = new SeriesWindow(series, ['node2'])
        // The older one is no longer told what changed: it rebuilds, and still reads true.
        expect(older.rows(from, clock)).toEqual(want)
      }
    })
  })

  it('builds only the new clocks: the rows of the clocks before stay the same objects', () => {
    const network = busyNetwork()
    const series = new SeriesBuilder(NODES)
    const live = new SeriesWindow(series)
    let before: ReturnType<SeriesWindow['rows']> = []
    let kept = 0
    play(network, series, 600, (clock) => {
      const rows = live.rows(Math.max(0, clock - WINDOW + 1), clock)
      const previous = new Map(before.map((r) => [r.clock, r]))
      // All but the clocks the batch touched (at most 7, and the one sampled) are kept.
      const same = rows.filter((r) => previous.get(r.clock) === r).length
      if (before.length === WINDOW && rows.length === WINDOW) {
        expect(same).toBeGreaterThanOrEqual(WINDOW - 8)
        kept++
      }
      before = rows
    })
    expect(kept).toBeGreaterThan(100)
  })
})
