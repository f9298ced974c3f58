import type { LabEvents } from '../../shared/lab-events'
import type { Sweep, SweepRow } from '../../shared/sweep'
import type { LabService } from '../lab/lab-service'
import type { ServedHandlers } from './caller'

/**
 * Runs a sweep's experiments (in worker threads, each recorded in the lab's file): the
 * composition root builds it from its platform, which knows where the sweep worker's code is.
 */
export type SweepRunner = (
  sweep: Sweep,
  onProgress: (progress: Omit<LabEvents['sweep-progress'], 'sweepId'>) => void,
  /** A BullMQ queue's Redis URL: the runs execute in sweep-worker processes instead. */
  queue: string | undefined,
  /** Stops the sweep: its runs under way end, no more start. */
  signal: AbortSignal,
) => Promise<{ rows: SweepRow[]; runIds: (number | null)[] }>

/**
 * Sweeps from the UI, their progress published as sweep-progress events carrying the sweep's id
 * (the first, with nothing done yet, as it starts). One at a time: a new sweep stops the one
 * under way; cancelSweep stops the one of its id, or without an id whichever runs.
 */
export function createExperimentHandlers(
  service: LabService,
  runSweep: SweepRunner,
): Pick<ServedHandlers, 'runSweep' | 'cancelSweep'> {
  let running: { id: number; controller: AbortController } | null = null
  let lastId = 0
  return {
    runSweep: async ({ sweep, queue }) => {
      running?.controller.abort()
      const sweepId = ++lastId
      const controller = new AbortController()
      const mine = { id: sweepId, controller }
      running = mine
      try {
        service.bus.emit('sweep-progress', { sweepId, done: 0, total: 0, seconds: 0 })
        const result = await runSweep(
          sweep,
          (progress) => service.bus.emit('sweep-progress', { sweepId, ...progress }),
          queue,
          controller.signal,
        )
        return { sweepId, ...result }
      } finally {
        if (running === mine) running = null
      }
    },
    cancelSweep: async ({ id }) => {
      if (!running || (id !== undefined && running.id !== id)) return { cancelled: false }
      running.controller.abort()
      running = null
      return { cancelled: true }
    },
  }
}
