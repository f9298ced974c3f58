import { join } from 'node:path'
import { createConfig, parseTopology, type NetworkConfig } from '../../src/core/config'
import { Network } from '../../src/core/network/network'
import { runExperiment } from '../../src/main/experiment/run-experiment'
import { hostFactory } from '../../src/main/host/create-host'
import type { NetworkHost } from '../../src/main/host/network-host'
import { tempDir } from '../support/recording'
import { heading, row } from './report'

interface Case {
  readonly nodes: number
  readonly clocks: number
  readonly interval: number
  readonly workers: number
  readonly record: boolean
}

/**
 * The issue-15 table: `npm run experiment -- --nodes N --topology random:16 --latency 0 --interval
 * 600 --clocks 60000 --seed 1` (about 100 blocks, SimBlock's Bitcoin setting at 1 clock = 1 s),
 * in one thread and in two workers, recorded and not, and the same network at ten times the clock
 * resolution. CPU seconds (all threads) are printed beside wall time: on a shared machine they are
 * the steadier figure. `BENCH_SCALE=all` adds 6,000 nodes × 100 blocks and 100,000 × 10.
 */
export async function benchScale(): Promise<void> {
  heading(
    'Scale: random 16-regular, latency 0, a block per 600 clocks (SimBlock’s Bitcoin setting)',
  )
  const cases: Case[] = [
    { nodes: 300, clocks: 60_000, interval: 600, workers: 0, record: false },
    { nodes: 300, clocks: 60_000, interval: 600, workers: 0, record: true },
    { nodes: 1_000, clocks: 60_000, interval: 600, workers: 0, record: false },
    { nodes: 1_000, clocks: 600_000, interval: 6_000, workers: 0, record: false },
    { nodes: 1_000, clocks: 60_000, interval: 600, workers: 2, record: false },
    ...(process.env['BENCH_SCALE'] === 'all'
      ? [
          { nodes: 6_000, clocks: 60_000, interval: 600, workers: 0, record: false },
          { nodes: 100_000, clocks: 6_000, interval: 600, workers: 0, record: false },
        ]
      : []),
  ]
  benchEngineAlone(bitcoinLike(1_000, 600), 60_000)
  const temp = tempDir()
  try {
    for (const c of cases) {
      const config = bitcoinLike(c.nodes, c.interval)
      let events = 0
      const create = hostFactory(c.workers)
      const counting = async (...args: Parameters<typeof create>): Promise<NetworkHost> => {
        const host = await create(...args)
        const execute = host.execute.bind(host)
        host.execute = async (command) => {
          const done = await execute(command)
          events += done.events.length
          return done
        }
        return host
      }
      const cpu = process.cpuUsage()
      const started = performance.now()
      const result = await runExperiment({
        config,
        clocks: c.clocks,
        createHost: counting,
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
      const used = process.cpuUsage(cpu)
      const cpuSeconds = (used.user + used.system) / 1e6
      const where = c.workers === 0 ? 'in-process' : `${c.workers} workers`
      row(
        `${c.nodes} nodes × ${c.clocks} clocks (interval ${c.interval}), ${where}${c.record ? ', recorded' : ''}`,
        seconds,
        's',
        `CPU ${cpuSeconds.toFixed(1)} s, ${result.blocksMined} blocks, ${events.toLocaleString('en')} events, ${Math.round(events / cpuSeconds).toLocaleString('en')} events per CPU s, peak ${result.peakRssMiB} MiB`,
      )
    }
  } finally {
    temp.remove()
  }
}

/** The network: SimBlock's Bitcoin setting, 1 clock = 1 s (random:16, no latency). */
export function bitcoinLike(nodes: number, interval = 600): NetworkConfig {
  return createConfig({
    nodes,
    topology: parseTopology('random:16'),
    latency: 0,
    seed: 1,
    difficulty: 8,
    autoMine: { interval, hashPower: null },
  })
}

/** The engine by itself: a Network stepped 100 clocks at a time, its events drained, nothing else. */
function benchEngineAlone(config: NetworkConfig, clocks: number): void {
  const network = new Network(config)
  network.start()
  const cpu = process.cpuUsage()
  let events = 0
  let blocks = 0
  for (let clock = 0; clock < clocks; clock += 100) {
    network.step(100)
    for (const event of network.drainEvents()) {
      events++
      if (event.kind === 'block.mined') blocks++
    }
  }
  const used = process.cpuUsage(cpu)
  const seconds = (used.user + used.system) / 1e6
  row(
    `engine alone: ${config.nodes.length} nodes × ${clocks} clocks`,
    seconds,
    's CPU',
    `${blocks} blocks, ${events.toLocaleString('en')} events (${(events / config.nodes.length / blocks).toFixed(1)} per node per block), ${((1e6 * seconds) / events).toFixed(2)} µs an event`,
  )
}
