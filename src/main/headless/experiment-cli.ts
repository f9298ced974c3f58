// `npm run experiment`: a network of automatic miners (and optionally a transaction workload)
// run headless for a number of clocks, with a progress bar, then its metrics.
import { readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { generatedAccounts } from '../../core/config'
import { isEngineError } from '../../core/errors'
import { hostFactory } from '../host/create-host'
import {
  runExperiment,
  type ExperimentProgress,
  type ExperimentResult,
} from '../experiment/run-experiment'
import { runSweep } from '../experiment/run-sweep'
import { queuedSweep } from './queued-sweep-cli'
import { DEFAULT_SETTINGS, sweepCsv, sweepSchema, type Sweep } from '../../shared/sweep'
import { configFromSettings } from '../../shared/network-settings'
import { describeIssues } from '../../shared/errors'
import { runDoubleSpendTrials } from '../../core/attack/double-spend-trials'
import { runEclipseTrials } from '../../core/attack/eclipse-trials'
import { APP_VERSION } from './app-version'
import { ATTACK_FLAG_OPTIONS, ATTACK_USAGE, parseAttackArgs } from './attack-args'
import { printAttack } from './attack-report'
import { exitOnError } from './cli-args'
import { CliError, numberFlag, readFlags } from './cli-flags'

export const EXPERIMENT_USAGE = `Usage: npm run experiment -- [options]
  --nodes N            nodes (default 100)
  --topology T         mesh | line | ring | star | random:K | scale-free:M (default random:8)
  --latency N          clocks a message spends on a link (default 0)
  --latency-spread N   each link's latency drawn from latency..latency+N (default 0)
  --interval N         target clocks between blocks, network-wide (default 100)
  --hash-power LIST    relative hash power per node, comma-separated (default: equal)
  --tx-rate R          workload transfers per clock, network-wide (default 0)
  --accounts N         accounts for the workload, 1,000,000 coins each (default 20)
  --values MIN-MAX     the workload's transfer values (default 1-10)
  --clocks N           clocks to run (default 10000)
  --seed S             seed for the topology, miners and workload (default 1)
  --difficulty N       proof-of-work difficulty in bits (default 8)
  --workers N          worker threads hosting the nodes (default 0: the main thread, which
                       is faster unless proof of work dominates; see docs/performance.md)
  --db FILE            record the run in this SQLite file
  --json               print the metrics as one JSON object
${ATTACK_USAGE}
  --trials T           double-spend or eclipse: independent attempts, trial i seeded with
                       seed + i; the miners' --interval and --attacker-power set the race
                       (default 100). An eclipse also runs each seed without the eclipse
  --sweep FILE         run a sweep file: settings × seeds, in parallel
  --parallel N         with --sweep: experiments at once (default: one per core)
  --csv FILE           with --sweep: write the summary table as CSV
  --queue URL          with --sweep: put the runs on a Redis queue (redis://HOST:PORT) for
                       \`npm run sweep-worker\` processes to run (see docs/scale-out.md); a
                       password may come from the CHAIN_LAB_QUEUE_PASSWORD variable`

/** "MIN-MAX" as the workload's value range. */
function valueRange(text: string | undefined): { min: number; max: number } {
  if (text === undefined) return { min: 1, max: 10 }
  const match = /^(\d+)-(\d+)$/.exec(text)
  if (!match) throw new CliError(`--values must be MIN-MAX, as in 1-10, not "${text}"`)
  return { min: Number(match[1]), max: Number(match[2]) }
}

function parse(argv: string[]) {
  const values = readFlags(argv, {
    nodes: { type: 'string' },
    topology: { type: 'string' },
    latency: { type: 'string' },
    'latency-spread': { type: 'string' },
    interval: { type: 'string' },
    'hash-power': { type: 'string' },
    'tx-rate': { type: 'string' },
    accounts: { type: 'string' },
    clocks: { type: 'string' },
    seed: { type: 'string' },
    difficulty: { type: 'string' },
    workers: { type: 'string' },
    db: { type: 'string' },
    sweep: { type: 'string' },
    parallel: { type: 'string' },
    csv: { type: 'string' },
    values: { type: 'string' },
    queue: { type: 'string' },
    trials: { type: 'string' },
    ...ATTACK_FLAG_OPTIONS,
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  })
  if (values.help) return 'help' as const
  const s = (k: keyof typeof values) => values[k] as string | undefined
  /** A number flag or its default; `integer: false` for rates and hash power. */
  const num = (flag: keyof typeof values, fallback: number, min: number, integer = true) =>
    numberFlag(flag, s(flag), { min, integer }) ?? fallback
  if (s('sweep'))
    return {
      kind: 'sweep' as const,
      sweep: s('sweep') as string,
      parallel: num('parallel', availableParallelism(), 1),
      csv: s('csv') ?? null,
      db: s('db') ?? null,
      json: values.json === true,
      queue: s('queue') ?? null,
    }
  if (s('queue')) throw new CliError('--queue goes with --sweep')
  const d = DEFAULT_SETTINGS
  const attack = parseAttackArgs(s)
  const trialled = attack?.kind === 'double-spend' || attack?.kind === 'eclipse'
  if (s('trials') !== undefined && !trialled)
    throw new CliError('--trials goes with --attack double-spend or eclipse')
  const hashPower = s('hash-power')
    ?.split(',')
    .map((p) => numberFlag('hash-power', p, { min: 0, integer: false }) ?? 1)
  try {
    const config = configFromSettings({
      nodes: num('nodes', d.nodes, 1),
      topology: s('topology') ?? d.topology,
      latency: num('latency', d.latency, 0),
      latencySpread: num('latency-spread', d.latencySpread, 0),
      seed: num('seed', 1, -(2 ** 31)),
      difficulty: num('difficulty', d.difficulty, 0),
      interval: num('interval', d.interval, 1, false),
      ...(hashPower ? { hashPower } : {}),
      txRate: num('tx-rate', d.txRate, 0, false),
      txValues: valueRange(s('values')),
      genesis: generatedAccounts(num('accounts', d.accounts, 2), 1_000_000),
      ...(attack ? { attack } : {}),
    })
    if (trialled) {
      if (s('db')) throw new CliError(`--db: ${attack.kind} trials are not recorded`)
      return {
        kind: 'trials' as const,
        attack: attack.kind,
        sweep: undefined,
        config,
        trials: num('trials', 100, 1),
        json: values['json'] === true,
      }
    }
    return {
      kind: 'single' as const,
      sweep: undefined,
      config,
      clocks: num('clocks', d.clocks, 1),
      workers: num('workers', 0, 0),
      db: s('db') ?? null,
      json: values.json === true,
    }
  } catch (error) {
    if (isEngineError(error)) throw new CliError(`--${error.message}`)
    throw error
  }
}

function progressLine(p: ExperimentProgress): string {
  const width = 30
  const filled = Math.round((width * p.clock) / p.clocks)
  const eta = Number.isFinite(p.etaSeconds) ? `${p.etaSeconds.toFixed(0)} s` : '?'
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.clock}/${p.clocks} clocks · ${p.seconds.toFixed(1)} s · ${Math.round(p.clocksPerSecond)} clocks/s · ETA ${eta}`
}

function printTable(r: ExperimentResult): void {
  const pct = (x: number) => `${(100 * x).toFixed(2)} %`
  const prop = (p: { median: number; p90: number; count: number }) =>
    p.count === 0 ? 'n/a' : `median ${p.median}, p90 ${p.p90} clocks (${p.count})`
  const rows: [string, string][] = [
    [
      'clocks',
      `${r.clocks} in ${r.seconds.toFixed(1)} s (${Math.round(r.clocksPerSecond)} clocks/s)`,
    ],
    ['nodes', String(r.nodes)],
    ['blocks mined', String(r.blocksMined)],
    ['main chain height', String(r.mainChainHeight)],
    [
      'stale blocks',
      `${r.staleBlocks} (stale rate ${pct(r.staleRate)}, fork rate ${pct(r.forkRate)})`,
    ],
    ['reorganisations', `${r.reorgs} ${JSON.stringify(r.reorgDepths)}`],
    ['block to 50 % of nodes', prop(r.blockPropagation.p50)],
    ['block to 90 % of nodes', prop(r.blockPropagation.p90)],
    ['block to 100 % of nodes', prop(r.blockPropagation.p100)],
    ['tx to 90 % of nodes', prop(r.txPropagation.p90)],
    [
      'throughput',
      `${r.transactionsConfirmed} transactions confirmed (${r.throughput.toFixed(3)} per clock)`,
    ],
    ['final agreement', pct(r.agreement)],
    ['peak memory', `${r.peakRssMiB} MiB`],
  ]
  if (r.runId !== null) rows.push(['recorded as run', String(r.runId)])
  for (const [k, v] of rows) console.log(`${k.padEnd(26)} ${v}`)
}

function readSweep(file: string): Sweep {
  let json: unknown
  try {
    json = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw new CliError(`--sweep: cannot read ${file} as JSON`)
  }
  const parsed = sweepSchema.safeParse(json)
  if (!parsed.success) throw new CliError(`--sweep: ${describeIssues(parsed.error)}`)
  return parsed.data
}

async function sweepMain(options: {
  sweep: string
  parallel: number
  csv: string | null
  db: string | null
  json: boolean
  queue: string | null
}) {
  const sweep = readSweep(options.sweep)
  const onProgress = (p: { done: number; total: number; seconds: number }) =>
    process.stderr.write(`${p.done}/${p.total} experiments · ${p.seconds.toFixed(1)} s\n`)
  const { rows } = options.queue
    ? await queuedSweep(sweep, options.queue, options.db, onProgress)
    : await runSweep(sweep, {
        parallel: options.parallel,
        db: options.db,
        appVersion: APP_VERSION,
        onProgress,
      })
  if (options.csv) writeFileSync(options.csv, sweepCsv(rows))
  if (options.json) return console.log(JSON.stringify(rows))
  const pct = (e: { mean: number; ci95: number }) =>
    `${(100 * e.mean).toFixed(2)} ± ${Number.isNaN(e.ci95) ? '?' : (100 * e.ci95).toFixed(2)} %`
  console.log(`${sweep.name ?? options.sweep}: ${rows.length} settings`)
  console.log(
    'nodes  topology      latency  interval  seeds  stale rate         fork rate          predicted',
  )
  for (const r of rows)
    console.log(
      `${String(r.settings.nodes).padEnd(6)} ${r.settings.topology.padEnd(13)} ${String(r.settings.latency).padEnd(8)} ${String(r.settings.interval).padEnd(9)} ${String(r.seeds).padEnd(6)} ${pct(r.staleRate).padEnd(18)} ${pct(r.forkRate).padEnd(18)} ${r.predictedForkRate === null ? '' : `${(100 * r.predictedForkRate).toFixed(2)} %`}`,
    )
  if (options.csv) console.log(`CSV: ${options.csv}`)
}

async function main(): Promise<void> {
  const options = parse(process.argv.slice(2))
  if (options === 'help') {
    console.log(EXPERIMENT_USAGE)
    return
  }
  if (options.sweep !== undefined) return sweepMain(options)
  if (options.kind === 'trials') {
    const onTrial = (done: number) => {
      if (done % Math.max(1, Math.floor(options.trials / 10)) === 0)
        process.stderr.write(`${done}/${options.trials} trials\n`)
    }
    const report =
      options.attack === 'eclipse'
        ? runEclipseTrials(options.config, options.trials, onTrial)
        : runDoubleSpendTrials(options.config, options.trials, onTrial)
    if (options.json) console.log(JSON.stringify({ attack: report }))
    else printAttack(report)
    return
  }
  const tty = process.stderr.isTTY
  let lastPrinted = -1
  const result = await runExperiment({
    config: options.config,
    clocks: options.clocks,
    createHost: hostFactory(options.workers),
    ...(options.db ? { recording: { file: options.db, appVersion: APP_VERSION } } : {}),
    onProgress: (p) => {
      const tenth = Math.floor((10 * p.clock) / p.clocks)
      if (tty) process.stderr.write(`\r${progressLine(p)}`)
      else if (tenth !== lastPrinted) {
        lastPrinted = tenth
        process.stderr.write(`${progressLine(p)}\n`)
      }
    },
  })
  if (tty) process.stderr.write('\n')
  if (options.json) console.log(JSON.stringify(result))
  else {
    printTable(result)
    if (result.attack) printAttack(result.attack)
  }
}

main().catch((error: unknown) => exitOnError('chain-lab experiment', error))
