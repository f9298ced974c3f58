import { join } from 'node:path'
import { createConfig, parseTopology } from '../../src/core/config'
import { runExperiment } from '../../src/main/experiment/run-experiment'
import { hostFactory } from '../../src/main/host/create-host'
import { tempDir } from '../support/recording'
import { heading, row } from './report'

interface Case {
  readonly nodes: number
  readonly clocks: number
  readonly workers: number
  readonly record: boolean
}

/** How time and memory grow with nodes and clocks: random 8-regular, latency 2, a block per 100. */
export async function benchScale(): Promise<void> {
  heading('Scale: random 8-regular, latency 2, one block per 100 clocks')
  const cases: Case[] = [
    { nodes: 100, clocks: 10_000, workers: 0, record: false },
    { nodes: 100, clocks: 10_000, workers: 2, record: false },
    { nodes: 1_000, clocks: 1_000, workers: 0, record: false },
    { nodes: 1_000, clocks: 10_000, workers: 0, record: false },
    { nodes: 1_000, clocks: 10_000, workers: 2, record: false },
    { nodes: 1_000, clocks: 10_000, workers: 0, record: true },
    { nodes: 1_000, clocks: 10_000, workers: 2, record: true },
    { nodes: 10_000, clocks: 1_000, workers: 0, record: false },
    { nodes: 10_000, clocks: 1_000, workers: 2, record: false },
  ]
  const temp = tempDir()
  try {
    for (const c of cases) {
      const config = createConfig({
        nodes: c.nodes,
        topology: parseTopology('random:8'),
        latency: 2,
        seed: 1,
        difficulty: 8,
        autoMine: { interval: 100, hashPower: null },
      })
      const started = performance.now()
      const result = await runExperiment({
        config,
        clocks: c.clocks,
        createHost: hostFactory(c.workers),
        chunk: 500,
        ...(c.record
          ? {
              recording: {
                file: join(temp.dir, `scale-${c.nodes}-${c.workers}.sqlite`),
                appVersion: 'bench',
              },
            }
          : {}),
      })
      const seconds = (performance.now() - started) / 1000
      const where = c.workers === 0 ? 'in-process' : `${c.workers} workers`
      row(
        `${c.nodes} nodes × ${c.clocks} clocks, ${where}${c.record ? ', recorded' : ''}`,
        seconds,
        's',
        `${Math.round(c.clocks / seconds)} clocks/s, peak ${result.peakRssMiB} MiB, ${result.blocksMined} blocks, stale ${(100 * result.staleRate).toFixed(1)} %`,
      )
    }
  } finally {
    temp.remove()
  }
}
