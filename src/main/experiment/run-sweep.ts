import { openDatabase } from '../recorder/open-database'
import { sourceMigrationsFolder, type RecorderOptions } from '../recorder/recorder'
import { startWorker } from '../workers/start-worker'
import { WorkerClient } from '../workers/worker-protocol'
import type { SweepJobOutput } from './run-sweep-job'
import { LabError } from '../../shared/errors'
import {
  expandSweep,
  summariseSweep,
  type Sweep,
  type SweepJob,
  type SweepRow,
} from '../../shared/sweep'

/** How each experiment is recorded, as it crosses to a sweep worker (a URL does not: its text does). */
export interface SweepRecording extends Omit<RecorderOptions, 'writerUrl'> {
  readonly file: string
  readonly writerHref?: string
}

/** What a sweep asks of its worker threads (see workers/worker-protocol.ts). */
export type SweepCalls = {
  /** Runs one experiment of the sweep to its end. */
  experiment: {
    input: { job: SweepJob; recording: SweepRecording | null }
    output: SweepJobOutput
  }
}

export interface SweepProgress {
  readonly done: number
  readonly total: number
  readonly seconds: number
}

/** A sweep stopped at the user's request (the lab API answers it with the code cancelled). */
export class SweepCancelledError extends LabError {
  override name = 'SweepCancelledError'
  constructor() {
    super('cancelled', 'the sweep was cancelled')
  }
}

/**
 * Runs every experiment of a sweep, `parallel` at a time, each in a worker thread of its own, and
 * summarises them. With `db`, each experiment is recorded as a run.
 */
export async function runSweep(
  sweep: Sweep,
  options: {
    parallel: number
    db: string | null
    appVersion: string
    /** Where the migrations are and which SQLite build to load (the desktop app's own). */
    migrationsFolder?: string
    nativeBinding?: string
    /** The sweep worker's code: its TypeScript source unless a bundle names its own. */
    workerUrl?: URL
    /** The recorder's writer thread's code, for the experiments the workers record. */
    writerUrl?: URL
    onProgress?: (p: SweepProgress) => void
    /** Stops the sweep: running experiments end with their workers, no more start. */
    signal?: AbortSignal
  },
): Promise<{ jobs: SweepJob[]; results: SweepJobOutput[]; rows: SweepRow[] }> {
  const jobs = expandSweep(sweep)
  const migrationsFolder = options.migrationsFolder ?? sourceMigrationsFolder()
  // Migrate once before the workers open the file, so they never race to create the schema.
  if (options.db)
    openDatabase(options.db, {
      migrationsFolder,
      nativeBinding: options.nativeBinding,
    }).$client.close()
  const recording: SweepRecording | null = options.db
    ? {
        file: options.db,
        appVersion: options.appVersion,
        migrationsFolder,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.writerUrl ? { writerHref: options.writerUrl.href } : {}),
      }
    : null
  const results: SweepJobOutput[] = new Array(jobs.length)
  const started = performance.now()
  let next = 0
  let done = 0
  let failed: Error | null = null
  const url = options.workerUrl ?? new URL('./sweep-worker.ts', import.meta.url)
  const lanes = Array.from(
    { length: Math.max(1, Math.min(options.parallel, jobs.length)) },
    async () => {
      const worker = new WorkerClient<SweepCalls>(startWorker(url), (cause) =>
        worker.fail(new Error(`a sweep worker ${cause.split('\n')[0]}`)),
      )
      const stop = () => {
        worker.fail(new SweepCancelledError())
        void worker.terminate()
      }
      options.signal?.addEventListener('abort', stop)
      try {
        while (next < jobs.length && !failed) {
          if (options.signal?.aborted) throw new SweepCancelledError()
          const index = next++
          const job = jobs[index] as SweepJob
          try {
            results[index] = await worker.call('experiment', { job, recording })
          } catch (error) {
            // Stop the other lanes too: the caller is about to hear of the failure.
            failed = new Error(
              `experiment ${index + 1} failed: ${error instanceof Error ? error.message : error}`,
            )
            throw failed
          }
          done++
          options.onProgress?.({
            done,
            total: jobs.length,
            seconds: (performance.now() - started) / 1000,
          })
        }
      } catch (error) {
        throw options.signal?.aborted ? new SweepCancelledError() : error
      } finally {
        options.signal?.removeEventListener('abort', stop)
        await worker.terminate()
      }
    },
  )
  await Promise.all(lanes)
  return { jobs, results, rows: summariseSweep(jobs, results) }
}
