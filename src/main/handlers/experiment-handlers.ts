import type { LabHandlers } from '../../shared/lab-contract'
import { runSweep } from '../experiment/run-sweep'
import type { Recorder } from '../recorder/recorder'
import type { LabService } from '../lab/lab-service'

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
): Pick<LabHandlers, 'runSweep'> {
  return {
    runSweep: async ({ sweep }) => {
      const { rows, results } = await runSweep(sweep, {
        parallel: 2,
        db: recorder && recorder.file !== ':memory:' ? recorder.file : null,
        appVersion: options.appVersion ?? 'unknown',
        ...(options.sweepWorkerUrl ? { workerUrl: options.sweepWorkerUrl } : {}),
        ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        onProgress: (progress) => service.bus.emit('sweep-progress', progress),
      })
      return { rows, runIds: results.map((r) => r.runId) }
    },
  }
}
