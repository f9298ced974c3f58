import type { Worker } from 'node:worker_threads'
import { openDatabase } from '../recorder/open-database'
import { sourceMigrationsFolder } from '../recorder/recorder'
import { startWorker } from '../workers/start-worker'
import type { ExperimentResult } from './run-experiment'
import {
  expandSweep,
  summariseSweep,
  type Sweep,
  type SweepJob,
  type SweepRow,
} from '../../shared/sweep'

export interface SweepProgress {
  readonly done: number
  readonly total: number
  readonly seconds: number
}

/** A sweep stopped at the user's request (the lab API answers it with the code cancelled). */
export class SweepCancelledError extends Error {
  override readonly name = 'CancelledError'
  readonly code = 'cancelled'
  constructor() {
    super('the sweep was cancelled')
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
): Promise<{ jobs: SweepJob[]; results: ExperimentResult[]; rows: SweepRow[] }> {
  const jobs = expandSweep(sweep)
  const migrationsFolder = options.migrationsFolder ?? sourceMigrationsFolder()
  // Migrate once before the workers open the file, so they never race to create the schema.
  if (options.db)
    openDatabase(options.db, {
      migrationsFolder,
      nativeBinding: options.nativeBinding,
    }).$client.close()
  const recording = options.db
    ? {
        file: options.db,
        appVersion: options.appVersion,
        migrationsFolder,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      }
    : null
  const results: ExperimentResult[] = new Array(jobs.length)
  const started = performance.now()
  let next = 0
  let done = 0
  let failed: Error | null = null
  const url = options.workerUrl ?? new URL('./sweep-worker.ts', import.meta.url)
  type Reply = { ok: boolean; result?: ExperimentResult; error?: string }
  const runOn = (worker: Worker, index: number) =>
    new Promise<Reply>((resolve, reject) => {
      const onError = (error: Error) => reject(error)
      const onExit = (code: number) => reject(new Error(`a sweep worker exited (code ${code})`))
      worker.once('error', onError)
      worker.once('exit', onExit)
      worker.once('message', (message: Reply) => {
        worker.off('error', onError)
        worker.off('exit', onExit)
        resolve(message)
      })
      worker.postMessage({ index, job: jobs[index], recording })
    })
  const lanes = Array.from(
    { length: Math.max(1, Math.min(options.parallel, jobs.length)) },
    async () => {
      const worker = startWorker(url)
      const stop = () => void worker.terminate()
      options.signal?.addEventListener('abort', stop)
      try {
        while (next < jobs.length && !failed) {
          if (options.signal?.aborted) throw new SweepCancelledError()
          const index = next++
          const reply = await runOn(worker, index)
          if (!reply.ok || !reply.result) {
            // Stop the other lanes too: the caller is about to hear of the failure.
            failed = new Error(`experiment ${index + 1} failed: ${reply.error}`)
            throw failed
          }
          results[index] = reply.result
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
