import { openDatabase } from '../recorder/open-database'
import { checkDatabaseFile } from '../recorder/database-check'
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

/** How each experiment is recorded, as it crosses to a sweep worker. */
export interface SweepRecording extends Omit<
  RecorderOptions,
  'writerUrl' | 'checkWorkerUrl' | 'replayUrl' | 'jobUrl'
> {
  readonly file: string
}

/**
 * Checks and migrates a sweep's file once, before its workers open it (so they never race to
 * create the schema), and says how they record into it: checked already, and written by each
 * worker in its own thread (a worker is off the lab's thread already; a writer thread of its own
 * took seconds to start, longer than a small experiment runs).
 */
export function sweepRecording(
  file: string,
  options: { appVersion: string; migrationsFolder: string; nativeBinding?: string | undefined },
): SweepRecording {
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  checkDatabaseFile(file, binding)
  openDatabase(file, { migrationsFolder: options.migrationsFolder, ...binding }).$client.close()
  return {
    file,
    appVersion: options.appVersion,
    migrationsFolder: options.migrationsFolder,
    ...binding,
    checked: true,
    writeInline: true,
  }
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
    onProgress?: (p: SweepProgress) => void
    /** Stops the sweep: running experiments end with their workers, no more start. */
    signal?: AbortSignal
  },
): Promise<{ jobs: SweepJob[]; results: SweepJobOutput[]; rows: SweepRow[] }> {
  const jobs = expandSweep(sweep)
  const migrationsFolder = options.migrationsFolder ?? sourceMigrationsFolder()
  const recording = options.db
    ? sweepRecording(options.db, {
        appVersion: options.appVersion,
        migrationsFolder,
        nativeBinding: options.nativeBinding,
      })
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
