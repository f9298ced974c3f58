import { runDoubleSpendTrials } from '../../core/attack/double-spend-trials'
import { mixSeed } from '../../core/random'
import {
  configOf,
  type ExperimentSettings,
  type SweepJob,
  type TrialsResult,
} from '../../shared/sweep'
import type { RecorderOptions } from '../recorder/recorder'
import { InProcessHost } from '../host/in-process-host'
import { runExperiment, type ExperimentResult } from './run-experiment'

/** What one run of a sweep gives: a clocked experiment's metrics, or a double spend's attempts. */
export type SweepJobOutput = ExperimentResult | (TrialsResult & { readonly runId: number | null })

/**
 * Runs one job of a sweep to its end. A double spend (doubleSpendPower > 0) is `trials` seeded
 * attempts, as `npm run experiment -- --attack double-spend --trials T` makes them; they are not
 * recorded (each is a network of its own). Anything else is a clocked experiment.
 */
export async function runSweepJob(
  job: SweepJob,
  recording: (RecorderOptions & { file: string }) | null,
): Promise<SweepJobOutput> {
  const { settings, seed } = job
  if (settings.doubleSpendPower > 0) {
    const started = performance.now()
    const attack = runDoubleSpendTrials(
      configOf(settings, trialSeed(settings, seed)),
      settings.trials,
    )
    const seconds = (performance.now() - started) / 1000
    return { kind: 'trials', runId: null, clocksPerSecond: attack.clocks / seconds, attack }
  }
  return runExperiment({
    config: configOf(settings, seed),
    clocks: settings.clocks,
    createHost: async (config, state, options) => new InProcessHost(config, state, options),
    chunk: 1_000,
    ...(recording ? { recording } : {}),
  })
}

/**
 * The first seed of a double spend's run: trial i is seeded with it + i. Mixed from the sweep's
 * seed and the setting's q and z, so no two runs share trials: with seed + i alone, seeds 1 and 2
 * would repeat all but one attempt, and two settings with one seed draw the same numbers (their
 * outcomes then move together: every success at q = 0.3 was one at q = 0.4 too).
 */
export function trialSeed(settings: ExperimentSettings, seed: number): number {
  return mixSeed(seed, Math.round(settings.doubleSpendPower * 1e6), settings.confirmations)
}
