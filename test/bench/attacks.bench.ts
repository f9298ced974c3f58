import { selfishRevenue, selfishThreshold } from '../../src/core/attack/attack-theory'
import { runDoubleSpendTrials } from '../../src/core/attack/double-spend-trials'
import { SelfishCollector, type SelfishReport } from '../../src/core/attack/selfish-metrics'
import { Network } from '../../src/core/network/network'
import { heading } from './report'

/**
 * The attacks measured against the papers over the grids, as the markdown tables of
 * docs/attacks.md. Long block intervals (100 clocks, latency 0) so that delays barely matter.
 * TRIALS (double-spend attempts per cell, default 400) and CLOCKS (per selfish run, default
 * 400,000: about 4,000 blocks) trade time for precision. A statistic, not a timing: it prints
 * how many cells fall inside their interval and never fails.
 */
export function benchAttacks(): void {
  const trials = Number(process.env['TRIALS'] ?? 400)
  const clocks = Number(process.env['CLOCKS'] ?? 400_000)
  const started = performance.now()
  heading(`Double spend: measured vs predicted (${trials} seeded trials per cell, 4-node mesh)`)
  console.log('| q | z | measured | 95 % interval | predicted (lab rule) | inside | Nakamoto |')
  console.log('|---|---|---|---|---|---|---|')
  let inside = 0
  let cells = 0
  for (const q of [0.1, 0.2, 0.3, 0.4])
    for (const z of [1, 2, 4, 6]) {
      const r = runDoubleSpendTrials(
        {
          nodes: 4,
          difficulty: 1,
          seed: 1000 * z + 100 * q,
          autoMine: { interval: 100, hashPower: null },
          attack: { kind: 'double-spend', share: q, confirmations: z },
        },
        trials,
      )
      const ok = r.predicted >= r.ci95[0] && r.predicted <= r.ci95[1]
      inside += ok ? 1 : 0
      cells++
      console.log(
        `| ${q} | ${z} | ${fmt(r.successRate)} | ${fmt(r.ci95[0])} – ${fmt(r.ci95[1])} | ${fmt(r.predicted)} | ${ok ? 'yes' : 'no'} | ${fmt(r.nakamoto)} |`,
      )
    }
  console.log(`\n${inside} of ${cells} predictions inside the measured 95 % interval`)

  const seeds = Number(process.env['SEEDS'] ?? 4)
  heading(
    `Selfish mining: revenue vs Eyal–Sirer (${seeds} seeds × ${clocks.toLocaleString('en')} clocks, 10-node mesh)`,
  )
  console.log(
    '| α | revenue share (mean ± 95 %) | γ measured (ties) | R(α, γ) | difference | pays? |',
  )
  console.log('|---|---|---|---|---|---|')
  for (const alpha of [0.2, 0.25, 0.3, 0.35, 0.4]) {
    const runs = Array.from({ length: seeds }, (_, seed) => selfishRun(alpha, seed + 1, clocks))
    const shares = runs.map((r) => r.revenueShare)
    const mean = shares.reduce((a, b) => a + b, 0) / seeds
    const sd = Math.sqrt(shares.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, seeds - 1))
    const ties = runs.reduce((a, r) => a + r.ties, 0)
    const gamma = runs.reduce((a, r) => a + r.gamma * r.ties, 0) / Math.max(1, ties)
    const predicted = selfishRevenue(alpha, gamma)
    const diff = mean - predicted
    console.log(
      `| ${alpha} | ${fmt(mean)} ± ${fmt((1.96 * sd) / Math.sqrt(seeds))} | ${gamma.toFixed(3)} (${ties}) | ${fmt(predicted)} | ${diff >= 0 ? '+' : ''}${diff.toFixed(3)} | ${mean > alpha ? 'more' : 'less'} than its share (threshold ${fmt(selfishThreshold(gamma))}) |`,
    )
  }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s)`)
}

/** One selfish miner with share α in a 10-node mesh for `clocks`, measured. */
function selfishRun(alpha: number, seed: number, clocks: number): SelfishReport {
  const network = new Network({
    nodes: 10,
    difficulty: 1,
    seed,
    autoMine: { interval: 100, hashPower: null },
    attack: { kind: 'selfish', share: alpha },
  })
  network.start()
  const collector = new SelfishCollector('node1', alpha)
  for (let t = 0; t < clocks; t += 10_000) {
    network.step(10_000)
    collector.add(network.drainEvents())
  }
  return collector.finish(
    network
      .node('node2')
      .tree.mainChain()
      .map((b) => b.miner),
  )
}

function fmt(x: number): string {
  return x.toFixed(4)
}
