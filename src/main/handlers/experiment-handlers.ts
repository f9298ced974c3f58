import type { LabEvents } from '../../shared/api-types'
import type { Sweep, SweepRow } from '../../shared/sweep'
import type { LabService } from '../lab/lab-service'
import type { ServedHandlers } from './caller'

/**
 * Runs a sweep's experiments (in worker threads, each recorded in the lab's file): the
 * composition root builds it from its platform, which knows where the sweep worker's code is.
 */
export type SweepRunner = (
  sweep: Sweep,
  onProgress: (progress: LabEvents['sweep-progress']) => void,
  /** A BullMQ queue's Redis URL: the runs execute in sweep-worker processes instead. */
  queue: string | undefined,
  /** Stops the sweep: its runs under way end, no more start. */
  signal: AbortSignal,
) => Promise<{ rows: SweepRow[]; runIds: (number | null)[] }>

/**
 * Sweeps from the UI, their progress published as sweep-progress events. One at a time: a new
 * sweep stops the one under way, and cancelSweep stops it.
 */
export function createExperimentHandlers(
  service: LabService,
  runSweep: SweepRunner,
): Pick<ServedHandlers, 'runSweep' | 'cancelSweep'> {
  let running: AbortController | null = null
  return {
    runSweep: async ({ sweep, queue }) => {
      running?.abort()
      const controller = new AbortController()
      running = controller
      try {
        return await runSweep(
          sweep,
          (progress) => service.bus.emit('sweep-progress', progress),
          queue,
          controller.signal,
        )
      } finally {
        if (running === controller) running = null
      }
    },
    cancelSweep: async () => {
      const cancelled = running !== null
      running?.abort()
      running = null
      return { cancelled }
    },
  }
}
