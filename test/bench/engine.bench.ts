import type { Command } from '../../src/core/commands'
import { createConfig, type NetworkConfig, type NetworkConfigInput } from '../../src/core/config'
import { InProcessHost } from '../../src/main/host/in-process-host'
import type { NetworkHost } from '../../src/main/host/network-host'
import { WorkerHost } from '../../src/main/host/worker-host'
import { heading, row } from './report'
import { steadyWorkload } from './workload'

async function clocksPerSecond(host: NetworkHost, commands: readonly Command[], clocks: number) {
  const started = performance.now()
  let events = 0
  try {
    for (const command of commands) {
      try {
        events += (await host.execute(command)).events.length
      } catch {
        // A refused transfer (overspend) is part of a realistic workload.
      }
    }
  } finally {
    await host.close()
  }
  const seconds = (performance.now() - started) / 1000
  return { rate: clocks / seconds, events }
}

/**
 * Runs the same commands in-process and through each number of worker threads, and prints the
 * clocks per second side by side, checking that every host gave the same events.
 */
async function compareHosts(
  name: string,
  config: NetworkConfig,
  commands: readonly Command[],
  clocks: number,
  note: string,
  workerCounts: readonly number[],
): Promise<void> {
  const inline = await clocksPerSecond(new InProcessHost(config), commands, clocks)
  row(`${name}: in-process`, inline.rate, 'clocks/s', note)
  for (const workers of workerCounts) {
    const result = await clocksPerSecond(await WorkerHost.create(config, workers), commands, clocks)
    const same = result.events === inline.events ? 'same' : 'DIFFERENT'
    row(
      `${name}: ${workers} worker thread${workers > 1 ? 's' : ''}`,
      result.rate,
      'clocks/s',
      `${same} events (${inline.events.toLocaleString('en')}), ${(result.rate / inline.rate).toFixed(2)}× in-process`,
    )
  }
}

export async function benchEngine(): Promise<void> {
  heading('Engine: network clocks per second under a steady workload')
  const cases: [string, NetworkConfigInput, number, number][] = [
    ['3 nodes, mesh', { nodes: 3, difficulty: 8 }, 20_000, 20],
    [
      '100 nodes, random 8-regular',
      { nodes: 100, topology: { kind: 'random', degree: 8 }, difficulty: 8 },
      2_000,
      20,
    ],
  ]
  for (const [name, input, clocks, interval] of cases) {
    const config = createConfig(input)
    const commands = [...steadyWorkload(config.nodes, clocks, interval)]
    const note = `${clocks.toLocaleString('en')} clocks, a block per ~${interval}, difficulty ${config.difficulty}`
    await compareHosts(name, config, commands, clocks, note, [2])
  }

  heading('Engine: the same workload driven inside the engine (automatic miners, workload)')
  for (const [name, nodes, topology] of [
    ['3 nodes, mesh', 3, { kind: 'mesh' as const }],
    ['100 nodes, random 8-regular', 100, { kind: 'random' as const, degree: 8 }],
  ] as const) {
    const config = createConfig({
      nodes,
      topology,
      difficulty: 8,
      autoMine: { interval: 20, hashPower: null },
      workload: { rate: nodes === 3 ? 0.2 : 0.02, minValue: 1, maxValue: 3 },
    })
    const clocks = nodes === 3 ? 50_000 : 3_000
    const steps: Command[] = [{ type: 'start' }]
    for (let i = 0; i < clocks / 1_000; i++) steps.push({ type: 'step', clocks: 1_000 })
    const note = `${clocks.toLocaleString('en')} clocks in steps of 1,000, a block per ~20`
    await compareHosts(name, config, steps, clocks, note, [1, 2])
  }

  heading('Engine: an idle stretch (lookahead lets shards run many clocks per exchange)')
  const config = createConfig({ nodes: 3, difficulty: 8 })
  const idle: Command[] = [{ type: 'start' }, { type: 'step', clocks: 200_000 }]
  await compareHosts('3 nodes idle, one step of 200,000 clocks', config, idle, 200_000, '', [2])
}
