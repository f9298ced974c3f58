import type { LabHandlers } from '../../shared/lab-contract'
import { runSweep } from '../experiment/run-sweep'
import type { Recorder } from '../recorder/recorder'
import type { LabService } from './lab-service'

/** Sweeps from the UI: run in worker threads, each experiment recorded in the lab's file. */
export function createExperimentHandlers(
  service: LabService,
  recorder: Recorder | null,
  appVersion: string,
  sweepWorkerUrl?: URL,
): Pick<LabHandlers, 'runSweep'> {
  return {
    runSweep: async ({ sweep }) => {
      const { rows, results } = await runSweep(sweep, {
        parallel: 2,
        db: recorder && recorder.file !== ':memory:' ? recorder.file : null,
        appVersion,
        ...(sweepWorkerUrl ? { workerUrl: sweepWorkerUrl } : {}),
        onProgress: (progress) => service.bus.emit('sweep-progress', progress),
      })
      return { rows, runIds: results.map((r) => r.runId) }
    },
  }
}
