import { describe, expect, it } from 'vitest'
import { createConfig, generatedAccounts } from '../../../src/core/config'
import type { EngineEventKind } from '../../../src/core/events'
import { MetricsCollector } from '../../../src/core/metrics'
import { hostFactory } from '../../../src/main/host/create-host'
import type { HostOptions } from '../../../src/main/host/network-host'
import {
  runExperiment,
  stepClocks,
  type ExperimentResult,
} from '../../../src/main/experiment/run-experiment'

const config = createConfig({
  nodes: 40,
  topology: { kind: 'random', degree: 4 },
  seed: 3,
  difficulty: 2,
  latency: 1,
  latencySpread: 2,
  autoMine: { interval: 25, hashPower: null },
  // Every node spends two clocks on each transaction (receive, relay): keep them mostly idle.
  workload: { rate: 0.05, minValue: 1, maxValue: 5 },
  genesis: generatedAccounts(10, 1_000),
})

/** Everything measured, without the wall-clock figures that vary run to run. */
function measured(r: ExperimentResult) {
  const { seconds: _s, clocksPerSecond: _c, peakRssMiB: _m, runId: _r, ...rest } = r
  return rest
}

describe('an experiment', () => {
  it('gives the same metrics for the same seed, in one thread or in workers', async () => {
    const run = (workers: number) =>
      runExperiment({ config, clocks: 2_000, createHost: hostFactory(workers), chunk: 250 })
    const first = measured(await run(0))
    expect(first.blocksMined).toBeGreaterThan(40)
    expect(first.transactionsConfirmed).toBeGreaterThan(50)
    expect(measured(await run(0))).toEqual(first)
    expect(measured(await run(2))).toEqual(first)
  })

  it('steps a run at ten times the clock resolution as many times, a recorded one within its checkpoints', () => {
    // The 1,000-node run: 60,000 clocks of a second, or 600,000 of a tenth.
    expect(stepClocks(60_000)).toBe(100)
    expect(600_000 / stepClocks(600_000)).toBe(60_000 / stepClocks(60_000))
    expect(stepClocks(1_000)).toBe(100)
    expect(stepClocks(600_000, { checkpointEvery: 500 })).toBe(500)
    expect(stepClocks(600_000, {})).toBe(500)
    expect(stepClocks(60_000, { checkpointEvery: 500 })).toBe(100)
  })

  it('unrecorded, makes only the events its metrics read, and measures what it measures with all', async () => {
    const asked: (readonly EngineEventKind[] | null | undefined)[] = []
    const build = hostFactory(0)
    const filtered = await runExperiment({
      config,
      clocks: 1_000,
      createHost: (c, state, options?: HostOptions) => {
        asked.push(options?.events)
        return build(c, state, options)
      },
    })
    expect(asked).toEqual([MetricsCollector.EVENT_KINDS])
    const everything = await runExperiment({
      config,
      clocks: 1_000,
      createHost: (c, state) => build(c, state),
    })
    expect(measured(filtered)).toEqual(measured(everything))
  })

  it('unrecorded with a selfish miner, also makes the events its attack report reads', async () => {
    const selfish = createConfig({
      ...config,
      workload: null,
      latency: 2,
      attack: { kind: 'selfish', attackers: ['node1'], share: 0.4 },
    })
    const build = hostFactory(0)
    const run = (createHost: typeof build) =>
      runExperiment({ config: selfish, clocks: 3_000, createHost })
    const filtered = await run(build)
    const everything = await run((c, state) => build(c, state))
    expect(filtered.attack?.ties).toBeGreaterThan(0)
    expect(measured(filtered)).toEqual(measured(everything))
  })

  it('gives other metrics for another seed', async () => {
    const a = await runExperiment({ config, clocks: 1_000, createHost: hostFactory(0) })
    const b = await runExperiment({
      config: createConfig({ ...config, seed: 4 }),
      clocks: 1_000,
      createHost: hostFactory(0),
    })
    expect(measured(b)).not.toEqual(measured(a))
  })

  it('reports progress with the clock, the rate and an ETA', async () => {
    const seen: number[] = []
    await runExperiment({
      config,
      clocks: 500,
      createHost: hostFactory(0),
      chunk: 100,
      onProgress: (p) => {
        seen.push(p.clock)
        expect(p.etaSeconds).toBeGreaterThanOrEqual(0)
      },
    })
    expect(seen).toEqual([100, 200, 300, 400, 500])
  })

  it('under a selfish miner reports its revenue against Eyal and Sirer’s, the same in workers', async () => {
    const selfish = createConfig({
      nodes: 6,
      difficulty: 1,
      autoMine: { interval: 20, hashPower: null },
      attack: { kind: 'selfish', attackers: ['node3'], share: 0.4 },
    })
    const run = (workers: number) =>
      runExperiment({ config: selfish, clocks: 4_000, createHost: hostFactory(workers) })
    const first = await run(0)
    expect(first.attack).toMatchObject({ kind: 'selfish', attackerPower: 0.4 })
    expect(first.attack?.revenueShare).toBeGreaterThan(0.2)
    expect(first.attack?.predictedRevenueShare).toBeCloseTo(0.4837, 3)
    expect((await run(2)).attack).toEqual(first.attack)
  })

  it('reports no attack for an honest network', async () => {
    const r = await runExperiment({ config, clocks: 200, createHost: hostFactory(0) })
    expect('attack' in r).toBe(false)
  })
})
