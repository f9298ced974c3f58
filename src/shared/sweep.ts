import * as z from 'zod'
import { generatedAccounts, type NetworkConfig } from '../core/config'
import { configFromSettings } from './network-settings'
import { predictedForkRate } from '../core/fork-model'
import type { RunMetrics } from '../core/metrics'
import type { SelfishReport } from '../core/attack/selfish-metrics'
import type { DoubleSpendReport } from '../core/attack/double-spend-report'
import { selfishRevenue } from '../core/attack/attack-theory'
import { poolDoubleSpend, type DoubleSpendColumns } from './double-spend-summary'
import { topologySchema } from './schemas'
import { LAB_LIMITS, atMost, overLimit } from './limits'

/** What a sweep needs of each experiment's result. */
export type SweepResult =
  | (RunMetrics & {
      readonly clocksPerSecond: number
      /** Under a selfish miner (selfishPower > 0). */
      readonly attack?: SelfishReport
    })
  | TrialsResult

/** A double spend's run of a sweep (doubleSpendPower > 0): seeded attempts, not a clocked run. */
export interface TrialsResult {
  readonly kind: 'trials'
  readonly clocksPerSecond: number
  readonly attack: DoubleSpendReport
}

/** The settings of one experiment, as a sweep file names them. */
const settingsSchema = z
  .object({
    nodes: atMost('nodes', z.number().int().min(1)),
    topology: topologySchema.or(z.string().regex(/^scale-free:\d+$/)),
    latency: atMost('latency', z.number().int().min(0)),
    latencySpread: atMost('latency', z.number().int().min(0)),
    interval: z.number().min(1),
    txRate: atMost('txRate', z.number().min(0)),
    accounts: z.number().int().min(2),
    clocks: atMost('clocksPerRun', z.number().int().min(1)),
    difficulty: atMost('difficulty', z.number().int().min(0)),
    /** α of a selfish miner (node1; docs/attacks.md); 0 (the default, so jobs from submitters
     * that predate it still run): every node honest. */
    selfishPower: z.number().min(0).lt(1).default(0),
    /** q of a double spender (node1, paying node2; docs/attacks.md): a run is then `trials`
     * seeded attempts of the race, not `clocks` of mining. 0 (the default): none. */
    doubleSpendPower: z.number().min(0).lt(1).default(0),
    /** z: the blocks the double spend's merchant waits for. */
    confirmations: atMost('confirmations', z.number().int().min(1)).default(2),
    /** The double spend's attempts per run. */
    trials: atMost('trialsPerRun', z.number().int().min(1)).default(100),
  })
  .strict()

export type ExperimentSettings = z.infer<typeof settingsSchema>

export const DEFAULT_SETTINGS: ExperimentSettings = {
  nodes: 100,
  topology: 'random:8',
  latency: 0,
  latencySpread: 0,
  interval: 100,
  txRate: 0,
  accounts: 20,
  clocks: 10_000,
  difficulty: 8,
  selfishPower: 0,
  doubleSpendPower: 0,
  confirmations: 2,
  trials: 100,
}

/** A sweep: base settings, the settings to vary (every combination) and the seeds to repeat with. */
export const sweepSchema = z
  .object({
    name: z.string().optional(),
    base: settingsSchema.partial().default({}),
    vary: z.record(z.string(), z.array(z.union([z.number(), z.string()])).min(1)),
    seeds: z.array(z.number().int()).min(1),
  })
  .strict()
  .superRefine((sweep, ctx) => {
    // Each varied value is held to its setting's limits here, before the combinations exist.
    let runs = sweep.seeds.length
    for (const [key, values] of Object.entries(sweep.vary)) {
      runs *= values.length
      if (!Object.hasOwn(settingsSchema.shape, key)) {
        ctx.addIssue({ code: 'custom', path: ['vary', key], message: `${key} is no setting` })
        continue
      }
      const setting = settingsSchema.shape[key as keyof ExperimentSettings]
      values.forEach((value, i) => {
        const parsed = setting.safeParse(value)
        if (!parsed.success)
          ctx.addIssue({
            code: 'custom',
            path: ['vary', key, i],
            message: parsed.error.issues[0]?.message ?? 'invalid',
          })
      })
    }
    // One attack per sweep: a run is either clocks of mining (selfish) or attempts (double spend).
    const attacking = (key: 'selfishPower' | 'doubleSpendPower') =>
      (sweep.base[key] ?? 0) > 0 || (sweep.vary[key] ?? []).some((v) => Number(v) > 0)
    if (attacking('selfishPower') && attacking('doubleSpendPower'))
      ctx.addIssue({
        code: 'custom',
        path: ['vary'],
        message: 'a sweep runs one attack: selfishPower or doubleSpendPower, not both',
      })
    if (runs > LAB_LIMITS.runsPerSweep)
      ctx.addIssue({
        code: 'custom',
        path: ['vary'],
        message: `the sweep makes ${runs} runs, ${overLimit('runsPerSweep')} runs per sweep`,
      })
  })
  .meta({
    description: `At most ${LAB_LIMITS.runsPerSweep} runs per sweep (varied values × seeds), at most ${LAB_LIMITS.clocksPerRun} clocks per run`,
  })

export type Sweep = z.infer<typeof sweepSchema>

export interface SweepJob {
  readonly setting: number
  readonly settings: ExperimentSettings
  readonly seed: number
}

/** Every combination of the varied settings, each with every seed. */
export function expandSweep(sweep: Sweep): SweepJob[] {
  let combos: Record<string, number | string>[] = [{}]
  for (const [key, values] of Object.entries(sweep.vary))
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [key]: value })))
  return combos.flatMap((combo, setting) => {
    const settings = settingsSchema.parse({ ...DEFAULT_SETTINGS, ...sweep.base, ...combo })
    return sweep.seeds.map((seed) => ({ setting, settings, seed }))
  })
}

export function configOf(settings: ExperimentSettings, seed: number): NetworkConfig {
  return configFromSettings({
    nodes: settings.nodes,
    topology: settings.topology,
    latency: settings.latency,
    latencySpread: settings.latencySpread,
    seed,
    difficulty: settings.difficulty,
    interval: settings.interval,
    txRate: settings.txRate,
    genesis: generatedAccounts(settings.accounts, 1_000_000),
    ...(settings.selfishPower > 0
      ? { attack: { kind: 'selfish', share: settings.selfishPower } }
      : {}),
    ...(settings.doubleSpendPower > 0
      ? {
          attack: {
            kind: 'double-spend',
            share: settings.doubleSpendPower,
            confirmations: settings.confirmations,
          },
        }
      : {}),
  })
}

/** A mean with its 95 % confidence half-width across seeds (Student's t). */
export interface Estimate {
  readonly mean: number
  readonly ci95: number
}

const T95 = [NaN, 12.71, 4.3, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23]

export function estimate(values: readonly number[]): Estimate {
  const n = values.length
  const mean = values.reduce((a, b) => a + b, 0) / n
  if (n < 2) return { mean, ci95: NaN }
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1))
  return { mean, ci95: ((T95[n - 1] ?? 1.96) * sd) / Math.sqrt(n) }
}

export interface SweepRow {
  readonly settings: ExperimentSettings
  readonly seeds: number
  readonly staleRate: Estimate
  readonly forkRate: Estimate
  /** The analytic fork rate, for a full mesh (null for other topologies). */
  readonly predictedForkRate: number | null
  readonly blockTo90: Estimate
  readonly throughput: Estimate
  readonly clocksPerSecond: number
  /** The selfish miner's share of main-chain blocks (NaN without one). */
  readonly revenueShare: Estimate
  /** Eyal & Sirer's R at α and the γ measured over all seeds (null without a selfish miner). */
  readonly predictedRevenueShare: number | null
  /**
   * A double spend's attempts against the theory (null without one). Its rows have no clocked
   * run: their stale rate and the other metrics are NaN.
   */
  readonly doubleSpend: DoubleSpendColumns | null
}

const NONE: Estimate = { mean: NaN, ci95: NaN }

/** One row per setting: the metrics across its seeds. */
export function summariseSweep(
  jobs: readonly SweepJob[],
  results: readonly SweepResult[],
): SweepRow[] {
  const bySetting = new Map<number, { job: SweepJob; result: SweepResult }[]>()
  jobs.forEach((job, i) => {
    const list = bySetting.get(job.setting) ?? []
    list.push({ job, result: results[i] as SweepResult })
    bySetting.set(job.setting, list)
  })
  return [...bySetting.values()].map((runs) => {
    const settings = (runs[0] as (typeof runs)[number]).job.settings
    const clocksPerSecond = runs.reduce((a, r) => a + r.result.clocksPerSecond, 0) / runs.length
    const trials = runs.flatMap(({ result }) => ('kind' in result ? [result.attack] : []))
    if (trials.length > 0)
      return {
        settings,
        seeds: runs.length,
        staleRate: NONE,
        forkRate: NONE,
        predictedForkRate: null,
        blockTo90: NONE,
        throughput: NONE,
        clocksPerSecond,
        revenueShare: NONE,
        predictedRevenueShare: null,
        doubleSpend: poolDoubleSpend(trials),
      }
    const mined = runs.flatMap(({ result }) => ('kind' in result ? [] : [result]))
    const pick = (f: (r: (typeof mined)[number]) => number) => estimate(mined.map(f))
    const busy = mined.reduce((a, r) => a + r.busyShare, 0) / mined.length
    return {
      settings,
      seeds: runs.length,
      staleRate: pick((r) => r.staleRate),
      forkRate: pick((r) => r.forkRate),
      predictedForkRate:
        settings.topology === 'mesh'
          ? predictedForkRate({
              nodes: settings.nodes,
              interval: settings.interval,
              latency: settings.latency,
              busyShare: busy,
            })
          : null,
      blockTo90: pick((r) => r.blockPropagation.p90.median),
      throughput: pick((r) => r.throughput),
      clocksPerSecond,
      ...selfishColumns(settings, mined),
      doubleSpend: null,
    }
  })
}

/** A selfish miner's revenue across seeds, and the theory's at the γ they measured together. */
function selfishColumns(
  settings: ExperimentSettings,
  results: readonly Exclude<SweepResult, TrialsResult>[],
): Pick<SweepRow, 'revenueShare' | 'predictedRevenueShare'> {
  const reports = results.flatMap((r) => (r.attack ? [r.attack] : []))
  if (settings.selfishPower <= 0 || reports.length === 0)
    return { revenueShare: { mean: NaN, ci95: NaN }, predictedRevenueShare: null }
  const ties = reports.reduce((a, r) => a + r.ties, 0)
  const gamma = ties > 0 ? reports.reduce((a, r) => a + r.gamma * r.ties, 0) / ties : 0
  return {
    revenueShare: estimate(reports.map((r) => r.revenueShare)),
    predictedRevenueShare: selfishRevenue(settings.selfishPower, gamma),
  }
}

const CSV_HEADER = [
  'nodes',
  'topology',
  'latency',
  'latency_spread',
  'interval',
  'tx_rate',
  'clocks',
  'seeds',
  'stale_rate',
  'stale_rate_ci95',
  'fork_rate',
  'fork_rate_ci95',
  'predicted_fork_rate',
  'block_to_90pct_clocks',
  'throughput',
  'selfish_power',
  'revenue_share',
  'revenue_share_ci95',
  'predicted_revenue_share',
  'double_spend_power',
  'confirmations',
  'trials',
  'undecided',
  'success_rate',
  'success_ci95_low',
  'success_ci95_high',
  'predicted_success',
  'nakamoto_success',
]

export function sweepCsv(rows: readonly SweepRow[]): string {
  const lines = rows.map((r) => {
    // A double spend's row has no clocked run: its network metrics are blank, not NaN.
    const na = (x: number) => (r.doubleSpend ? '' : x)
    return [
      r.settings.nodes,
      r.settings.topology,
      r.settings.latency,
      r.settings.latencySpread,
      r.settings.interval,
      r.settings.txRate,
      r.settings.clocks,
      r.seeds,
      na(r.staleRate.mean),
      na(r.staleRate.ci95),
      na(r.forkRate.mean),
      na(r.forkRate.ci95),
      r.predictedForkRate ?? '',
      na(r.blockTo90.mean),
      na(r.throughput.mean),
      r.settings.selfishPower,
      Number.isNaN(r.revenueShare.mean) ? '' : r.revenueShare.mean,
      Number.isNaN(r.revenueShare.ci95) ? '' : r.revenueShare.ci95,
      r.predictedRevenueShare ?? '',
      r.settings.doubleSpendPower,
      r.settings.confirmations,
      r.doubleSpend?.trials ?? '',
      r.doubleSpend?.undecided ?? '',
      r.doubleSpend?.successRate ?? '',
      r.doubleSpend?.ci95[0] ?? '',
      r.doubleSpend?.ci95[1] ?? '',
      r.doubleSpend?.predicted ?? '',
      r.doubleSpend?.nakamoto ?? '',
    ].join(',')
  })
  return [CSV_HEADER.join(','), ...lines].join('\n') + '\n'
}
