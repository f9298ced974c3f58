import { SelfishCollector, type SelfishReport } from '../../core/attack/selfish-metrics'
import type { NetworkConfig } from '../../core/config'
import { MetricsCollector, type RunMetrics } from '../../core/metrics'
import type { HostFactory } from '../lab/lab-service'
import { LabService } from '../lab/lab-service'
import { Recorder, type RecorderOptions } from '../recorder/recorder'

export interface ExperimentProgress {
  readonly clock: number
  readonly clocks: number
  readonly seconds: number
  readonly clocksPerSecond: number
  readonly etaSeconds: number
}

export interface ExperimentOptions {
  readonly config: NetworkConfig
  readonly clocks: number
  readonly createHost: HostFactory
  /** Record the run into this SQLite file. */
  readonly recording?: RecorderOptions & { readonly file: string }
  /**
   * Clocks per step: larger steps mean fewer exchanges, smaller ones finer progress. By default
   * a run takes about STEPS_A_RUN steps of at least MIN_STEP clocks (see stepClocks).
   */
  readonly chunk?: number
  onProgress?(progress: ExperimentProgress): void
  readonly signal?: AbortSignal
}

export interface ExperimentResult extends RunMetrics {
  readonly seconds: number
  readonly clocksPerSecond: number
  readonly peakRssMiB: number
  readonly runId: number | null
  /** Under a selfish miner: its revenue against Eyal and Sirer's (absent for honest runs). */
  readonly attack?: SelfishReport
}

/** About how many steps a long run takes (a short one steps MIN_STEP clocks at a time). */
export const STEPS_A_RUN = 600

/** The fewest clocks an experiment steps at a time. */
const MIN_STEP = 100

/**
 * Clocks between a recorded experiment's checkpoints, unless its options say otherwise (the
 * lab's are closer: recorder.ts's CHECKPOINT_EVERY). Experiments run long: checkpoints less often
 * keep the file smaller.
 */
const EXPERIMENT_CHECKPOINT_EVERY = 500

/**
 * The clocks an experiment steps at a time: MIN_STEP, or more for a run of more than
 * STEPS_A_RUN × MIN_STEP clocks, so that a run at a finer clock (ten times the clocks, the same
 * blocks) makes the same number of steps: each step costs the lab a command (its answer, its
 * record), and at 100 clocks a step the run at a tenth of a second a clock paid ten times as
 * many for the same work. A recorded run's steps stay within its checkpoint schedule, where
 * rebuilds start.
 */
export function stepClocks(
  clocks: number,
  recording?: Pick<RecorderOptions, 'checkpointEvery'>,
): number {
  const even = Math.max(MIN_STEP, Math.ceil(clocks / STEPS_A_RUN))
  if (!recording) return even
  const checkpointEvery = recording.checkpointEvery ?? EXPERIMENT_CHECKPOINT_EVERY
  return Math.min(even, Math.max(MIN_STEP, checkpointEvery))
}

/**
 * Runs a network headless for `clocks` clocks (its automatic miners and workload drive it) and
 * measures it. Goes through the same service as the lab, so a recorded experiment is a run like
 * any other: it can be opened, scrubbed and verified.
 */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const { config, clocks } = options
  const attack = config.attack
  const selfish =
    attack?.kind === 'selfish'
      ? new SelfishCollector(attack.attackers[0] as string, attack.share)
      : null
  // Unrecorded, the collectors are the only consumers: the network makes only the events they read.
  const events = [
    ...new Set([...MetricsCollector.EVENT_KINDS, ...(selfish ? SelfishCollector.EVENT_KINDS : [])]),
  ]
  const service = await LabService.create(config, {
    createHost: options.createHost,
    ...(options.recording ? {} : { events }),
  })
  const recorder = options.recording
    ? Recorder.open(options.recording.file, {
        checkpointEvery: EXPERIMENT_CHECKPOINT_EVERY,
        ...options.recording,
      })
    : null
  recorder?.attach(service)
  const collector = new MetricsCollector(config.nodes.length)
  service.onCommand((record) => {
    // The collectors read no message events: those are never made into objects.
    const events = record.log?.withoutMessages() ?? record.events
    collector.add(events)
    selfish?.add(events)
  })
  // rss() alone: memoryUsage() also gathers the heap's statistics, every step, for nothing.
  let peakRss = process.memoryUsage.rss()
  let started = performance.now()
  try {
    // The writer thread starts with the run's first rows; it is ready, as the network is, before
    // the run's time starts (from source it compiles its modules first, a second on a busy machine).
    if (recorder) {
      await recorder.sync()
      started = performance.now()
    }
    await service.execute({ type: 'start' }, 'scenario')
    const chunk = Math.max(1, options.chunk ?? stepClocks(clocks, options.recording))
    for (let clock = 0; clock < clocks;) {
      options.signal?.throwIfAborted()
      const n = Math.min(chunk, clocks - clock)
      await service.execute({ type: 'step', clocks: n }, 'scenario')
      clock += n
      peakRss = Math.max(peakRss, process.memoryUsage.rss())
      const seconds = (performance.now() - started) / 1000
      const rate = clock / seconds
      options.onProgress?.({
        clock,
        clocks,
        seconds,
        clocksPerSecond: rate,
        etaSeconds: (clocks - clock) / rate,
      })
    }
    const briefs = await service.query({ type: 'briefs' })
    const tips = briefs.map((b) => b.tip)
    const counts = new Map<string, number>()
    for (const tip of tips) counts.set(tip, (counts.get(tip) ?? 0) + 1)
    const majority = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0]
    const holder = briefs.find((b) => b.tip === majority) ?? briefs[0]
    const chain = holder ? await service.query({ type: 'chain', node: holder.id }) : []
    const metrics = collector.finish(
      clocks,
      chain.map((b) => ({ hash: b.hash, transactions: b.transactions.length })),
      tips,
    )
    const seconds = (performance.now() - started) / 1000
    return {
      ...metrics,
      seconds,
      clocksPerSecond: clocks / seconds,
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
      runId: recorder?.writer.runId ?? null,
      ...(selfish ? { attack: selfish.finish(chain.map((b) => b.miner ?? null)) } : {}),
    }
  } finally {
    await recorder?.close()
    await service.close()
  }
}
