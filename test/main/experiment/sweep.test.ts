import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runSweep } from '../../../src/main/experiment/run-sweep'
import { expandSweep, sweepCsv, type Sweep } from '../../../src/shared/sweep'
import { Recorder } from '../../../src/main/recorder/recorder'
import { tempDir } from '../../support/recording'

const sweep: Sweep = {
  name: '2 × 2 × 2',
  base: { nodes: 6, topology: 'mesh', clocks: 3_000, difficulty: 1 },
  vary: { latency: [0, 4], interval: [20, 40] },
  seeds: [1, 2],
}

describe('a sweep', () => {
  it('expands every combination of the varied settings with every seed', () => {
    const jobs = expandSweep(sweep)
    expect(jobs).toHaveLength(8)
    expect(jobs.map((j) => [j.settings.latency, j.settings.interval, j.seed])).toEqual([
      [0, 20, 1],
      [0, 20, 2],
      [0, 40, 1],
      [0, 40, 2],
      [4, 20, 1],
      [4, 20, 2],
      [4, 40, 1],
      [4, 40, 2],
    ])
  })

  it('runs 2 × 2 settings × 2 seeds in parallel workers, records them and summarises them', async () => {
    const temp = tempDir()
    try {
      const db = join(temp.dir, 'sweep.sqlite')
      const { rows, results } = await runSweep(sweep, { parallel: 2, db, appVersion: 'test' })
      expect(results).toHaveLength(8)
      expect(rows).toHaveLength(4)
      for (const row of rows) {
        expect(row.seeds).toBe(2)
        expect(row.predictedForkRate).toBeGreaterThan(0)
        expect(Number.isFinite(row.staleRate.ci95)).toBe(true)
      }
      // Longer latency, more forks; a longer interval, fewer.
      const rate = (latency: number, interval: number) =>
        rows.find((r) => r.settings.latency === latency && r.settings.interval === interval)!
          .predictedForkRate!
      expect(rate(4, 20)).toBeGreaterThan(rate(0, 20))
      expect(rate(0, 40)).toBeLessThan(rate(0, 20))
      expect(sweepCsv(rows).trim().split('\n')).toHaveLength(5)
      const recorder = Recorder.open(db, { appVersion: 'test' })
      try {
        expect(recorder.reader.listRuns()).toHaveLength(8)
        expect(await recorder.replayer.verify(results[0]!.runId!)).toMatchObject({
          identical: true,
        })
      } finally {
        await recorder.close()
      }
    } finally {
      temp.remove()
    }
    // Eight recorded runs in two worker threads: over 20 s on the shared machine at load 19–37.
  }, 120_000)

  it('stops when cancelled: no experiment starts after, and the caller hears "cancelled"', async () => {
    const controller = new AbortController()
    const long: Sweep = { ...sweep, base: { ...sweep.base, clocks: 20_000 }, seeds: [1, 2, 3, 4] }
    let progressed = 0
    const running = runSweep(long, {
      parallel: 1,
      db: null,
      appVersion: 'test',
      signal: controller.signal,
      onProgress: () => {
        progressed++
        controller.abort()
      },
    })
    await expect(running).rejects.toMatchObject({ code: 'cancelled' })
    expect(progressed).toBe(1)
  })
})
