import type { LabHandlers } from '../../shared/lab-contract'
import { runSweep } from '../experiment/run-sweep'
import type { Recorder } from '../recorder/recorder'
import type { LabService } from './lab-service'

export interface ExperimentHandlerOptions {
  readonly appVersion?: string
  /** The desktop build's own sweep worker, migrations and SQLite binding. */
  readonly sweepWorkerUrl?: URL
  readonly migrationsFolder?: string
  readonly nativeBinding?: string | undefined
}

/** Sweeps from the UI: run in worker threads, each experiment recorded in the lab's file. */
export function createExperimentHandlers(
  service: LabService,
  recorder: Recorder | null,
  options: ExperimentHandlerOptions,
): Pick<LabHandlers, 'runSweep' | 'cancelSweep'> {
  // One sweep at a time from the UI: a new one stops the one under way.
  let running: AbortController | null = null
  return {
    runSweep: async ({ sweep }) => {
      running?.abort()
      const controller = new AbortController()
      running = controller
      const { rows, results } = await runSweep(sweep, {
        signal: controller.signal,
        parallel: 2,
        db: recorder && recorder.file !== ':memory:' ? recorder.file : null,
        appVersion: options.appVersion ?? 'unknown',
        ...(options.sweepWorkerUrl ? { workerUrl: options.sweepWorkerUrl } : {}),
        ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        onProgress: (progress) => service.bus.emit('sweep-progress', progress),
      })
      if (running === controller) running = null
      return { rows, runIds: results.map((r) => r.runId) }
    },
    cancelSweep: async () => {
      const cancelled = running !== null
      running?.abort()
      running = null
      return { cancelled }
    },
  }
}
