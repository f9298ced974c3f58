import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import {
  chiSquareTail,
  selfishRevenue,
  selfishThreshold,
  wilsonInterval,
} from '../../src/core/attack/attack-theory'
import {
  runDoubleSpendTrials,
  type DoubleSpendReport,
} from '../../src/core/attack/double-spend-trials'
import { runEclipseTrials, type EclipseReport } from '../../src/core/attack/eclipse-trials'
import { SelfishCollector, type SelfishReport } from '../../src/core/attack/selfish-metrics'
import { Network } from '../../src/core/network/network'
import { heading } from './report'

/** The selfish miner's runs at one α on one topology, pooled. */
export interface SelfishCell {
  readonly topology: 'mesh' | 'star'
  readonly alpha: number
  readonly seeds: number
  readonly clocks: number
  /** Revenue share, mean of the seeds, and its 95 % half-width (normal, across seeds). */
  readonly revenueShare: number
  readonly ci95: number
  /** γ pooled over the seeds' ties, and how many ties. */
  readonly gamma: number
  readonly ties: number
  readonly predicted: number
}

/** What `ATTACKS_JSON=FILE npm run bench -- attacks` writes: scripts/attack-charts.ts draws it. */
export interface AttacksBench {
  readonly date: string
  readonly load: readonly number[]
  readonly seconds: number
  /** The parts this run measured; the others are an earlier run's (absent: all of them). */
  readonly parts?: readonly string[]
  readonly doubleSpend: readonly (DoubleSpendReport & { readonly seed: number })[]
  readonly eclipse: readonly (EclipseReport & { readonly seed: number; readonly nodes: number })[]
  readonly selfish: readonly SelfishCell[]
}

const ALL_PARTS = ['double-spend', 'eclipse', 'selfish'] as const
const Q = [0.1, 0.2, 0.3, 0.4]
const Z = [1, 2, 4, 6]
/** Trial seeds per cell: cell k's trials use k·SPAN + 1 … k·SPAN + T, so no two cells share one. */
const SPAN = 1_000_000
/** SEED_BASE moves every cell's seeds (default 0): a second, independent sample of the grid. */
const SEED_BASE = Number(process.env['SEED_BASE'] ?? 0)
/**
 * DS_INTERVAL: the double spends' clocks per block (default 100). A miner draws no trial during
 * its three mining clocks, so the attacker's blocks come in slightly shorter runs than the
 * formula's, by about 3 / interval (docs/attacks.md); 1,000 makes that ten times smaller.
 */
const DS_INTERVAL = Number(process.env['DS_INTERVAL'] ?? 100)

/**
 * The attacks measured against the papers over the grids, as the markdown tables of
 * docs/attacks.md. Long block intervals (100 clocks, latency 0) so that delays barely matter.
 * TRIALS (double-spend attempts per cell, default 400), ECLIPSE_TRIALS (default 200), SEEDS and
 * CLOCKS (per selfish run, default 4 × 400,000: about 4,000 blocks each) trade time for precision;
 * ATTACK_PARTS (default `double-spend,eclipse,selfish`) picks the tables to measure, SEED_BASE
 * (default 0) moves all their seeds for an independent sample;
 * ATTACKS_JSON names a file for the figures. A statistic, not a timing: it prints how many cells
 * fall inside their interval and never fails.
 */
export function benchAttacks(load: () => readonly number[] = () => []): void {
  const trials = Number(process.env['TRIALS'] ?? 400)
  const eclipseTrials = Number(process.env['ECLIPSE_TRIALS'] ?? 200)
  const clocks = Number(process.env['CLOCKS'] ?? 400_000)
  const seeds = Number(process.env['SEEDS'] ?? 4)
  const parts = (process.env['ATTACK_PARTS'] ?? ALL_PARTS.join(',')).split(',')
  const started = performance.now()
  const file = process.env['ATTACKS_JSON']
  // A run of some parts keeps the file's other parts as they were (`parts` says which were new).
  const old =
    file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as AttacksBench) : null
  const doubleSpend = parts.includes('double-spend') ? benchDoubleSpend(trials) : old?.doubleSpend
  const eclipse = parts.includes('eclipse') ? benchEclipse(eclipseTrials) : old?.eclipse
  const selfish = parts.includes('selfish')
    ? (['mesh', 'star'] as const).flatMap((t) => benchSelfish(t, seeds, clocks))
    : old?.selfish
  const seconds = (performance.now() - started) / 1000
  console.log(`\n(${seconds.toFixed(0)} s)`)
  if (file && doubleSpend && eclipse && selfish) {
    const bench: AttacksBench = {
      date: new Date().toISOString(),
      load: load(),
      seconds,
      parts: ALL_PARTS.filter((p) => parts.includes(p)),
      doubleSpend,
      eclipse,
      selfish,
    }
    writeFileSync(file, JSON.stringify(bench, null, 1) + '\n')
    console.log(`figures written to ${file}`)
  }
}

function benchDoubleSpend(trials: number): AttacksBench['doubleSpend'] {
  heading(
    `Double spend: measured vs predicted (${trials} seeded trials per cell, 4-node mesh, a block every ${DS_INTERVAL} clocks)`,
  )
  console.log(
    '| q | z | measured | 95 % interval | predicted (lab rule) | inside | published (not won) | undecided | Nakamoto |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|')
  const cells: (DoubleSpendReport & { seed: number })[] = []
  for (const q of Q)
    for (const z of Z) {
      const seed = SEED_BASE + (cells.length + 1) * SPAN + 1
      const r = runDoubleSpendTrials(
        {
          nodes: 4,
          difficulty: 1,
          seed,
          autoMine: { interval: DS_INTERVAL, hashPower: null },
          attack: { kind: 'double-spend', share: q, confirmations: z },
        },
        trials,
      )
      cells.push({ ...r, seed })
      console.log(
        `| ${q} | ${z} | ${fmt(r.successRate)} | ${fmt(r.ci95[0])} – ${fmt(r.ci95[1])} | ${fmt(r.predicted)} | ${inside(r) ? 'yes' : 'no'} | ${r.published} (${r.published - r.successes}) | ${r.undecided} | ${fmt(r.nakamoto)} |`,
      )
    }
  const held = cells.filter(inside).length
  console.log(`\n${held} of ${cells.length} predictions inside the measured 95 % interval`)
  // 16 independent cells each at 95 %: all 16 hold only 44 % of the time even when every
  // prediction is right. The grid as one: Bonferroni's intervals (95 % for the family) and χ².
  const family = 2.9552 // the normal quantile of 1 − 0.05 / 32
  const widened = cells.filter((r) => {
    const [lo, hi] = wilsonInterval(r.successes, r.trials, family)
    return r.predicted >= lo && r.predicted <= hi
  }).length
  const chi2 = cells.reduce((a, r) => {
    const expected = r.trials * r.predicted
    const variance = expected * (1 - r.predicted)
    return variance > 0 ? a + (r.successes - expected) ** 2 / variance : a
  }, 0)
  // The lean: whether the cells fall on one side of their predictions more than chance would.
  const expected = cells.reduce((a, r) => a + (r.trials - r.undecided) * r.predicted, 0)
  const successes = cells.reduce((a, r) => a + r.successes, 0)
  const sd = Math.sqrt(
    cells.reduce((a, r) => a + (r.trials - r.undecided) * r.predicted * (1 - r.predicted), 0),
  )
  const below = cells.filter((r) => r.successRate < r.predicted).length
  console.log(
    `${successes} successes over the grid against ${expected.toFixed(0)} expected (${((successes - expected) / sd).toFixed(2)} σ); ${below} of ${cells.length} cells below their prediction; ${cells.reduce((a, r) => a + r.undecided, 0)} undecided`,
  )
  console.log(
    `${widened} of ${cells.length} inside their family-wise 95 % (Bonferroni) interval; χ² = ${chi2.toFixed(2)} on ${cells.length} degrees, p = ${chiSquareTail(chi2, cells.length).toFixed(3)}`,
  )
  return cells
}

function benchEclipse(trials: number): AttacksBench['eclipse'] {
  const nodes = 10
  heading(
    `Eclipse + double spend vs the same attacker without the eclipse (${trials} trials per cell, ${nodes}-node mesh)`,
  )
  console.log(
    '| q | z | victim share | eclipse: measured (95 %) | predicted | inside | without: measured (95 %) | predicted (lab rule) |',
  )
  console.log('|---|---|---|---|---|---|---|---|')
  const cells: (EclipseReport & { seed: number; nodes: number })[] = []
  for (const q of [0.1, 0.2, 0.3])
    for (const z of [1, 2, 6]) {
      const seed = SEED_BASE + (100 + cells.length) * SPAN + 1
      const r = runEclipseTrials(
        {
          nodes,
          difficulty: 1,
          seed,
          autoMine: { interval: 100, hashPower: null },
          attack: { kind: 'eclipse', share: q, confirmations: z },
        },
        trials,
      )
      cells.push({ ...r, seed, nodes })
      const w = r.withoutEclipse
      console.log(
        `| ${q} | ${z} | ${r.victimPower.toFixed(3)} | ${fmt(r.successRate)} (${fmt(r.ci95[0])} – ${fmt(r.ci95[1])}) | ${fmt(r.predicted)} | ${inside(r) ? 'yes' : 'no'} | ${fmt(w.successRate)} (${fmt(w.ci95[0])} – ${fmt(w.ci95[1])}) | ${fmt(w.predicted)} |`,
      )
    }
  return cells
}

function benchSelfish(topology: 'mesh' | 'star', seeds: number, clocks: number): SelfishCell[] {
  heading(
    `Selfish mining: revenue vs Eyal–Sirer (${seeds} seeds × ${clocks.toLocaleString('en')} clocks, 10-node ${topology}, attacker node1)`,
  )
  console.log(
    '| α | revenue share (mean ± 95 %) | γ measured (ties) | R(α, γ) | difference | pays? |',
  )
  console.log('|---|---|---|---|---|---|')
  return [0.2, 0.25, 0.3, 0.35, 0.4].map((alpha) => {
    const runs = Array.from({ length: seeds }, (_, seed) =>
      selfishRun(topology, alpha, seed + 1, clocks),
    )
    const shares = runs.map((r) => r.revenueShare)
    const mean = shares.reduce((a, b) => a + b, 0) / seeds
    const sd = Math.sqrt(shares.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, seeds - 1))
    const ties = runs.reduce((a, r) => a + r.ties, 0)
    const gamma = runs.reduce((a, r) => a + r.gamma * r.ties, 0) / Math.max(1, ties)
    const predicted = selfishRevenue(alpha, gamma)
    const ci95 = (1.96 * sd) / Math.sqrt(seeds)
    const diff = mean - predicted
    console.log(
      `| ${alpha} | ${fmt(mean)} ± ${fmt(ci95)} | ${gamma.toFixed(3)} (${ties}) | ${fmt(predicted)} | ${diff >= 0 ? '+' : ''}${diff.toFixed(3)} | ${mean > alpha ? 'more' : 'less'} than its share (threshold ${fmt(selfishThreshold(gamma))}) |`,
    )
    return { topology, alpha, seeds, clocks, revenueShare: mean, ci95, gamma, ties, predicted }
  })
}

/**
 * One selfish miner (node1) with share α in a 10-node network for `clocks`, measured. In a star
 * node1 is the centre: every honest block reaches the other leaves through it, so during a tie
 * it publishes its own block instead of relaying the honest one (γ well above 0).
 */
function selfishRun(
  topology: 'mesh' | 'star',
  alpha: number,
  seed: number,
  clocks: number,
): SelfishReport {
  const network = new Network({
    nodes: 10,
    topology: { kind: topology },
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

function inside(r: { predicted: number; ci95: readonly [number, number] }): boolean {
  return r.predicted >= r.ci95[0] && r.predicted <= r.ci95[1]
}

function fmt(x: number): string {
  return x.toFixed(4)
}
