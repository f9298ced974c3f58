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
    /** The sweep worker's code: its TypeScript source unless a bundle names its own. */
    workerUrl?: URL
    onProgress?: (p: SweepProgress) => void
  },
): Promise<{ jobs: SweepJob[]; results: ExperimentResult[]; rows: SweepRow[] }> {
  const jobs = expandSweep(sweep)
  // Migrate once before the workers open the file, so they never race to create the schema.
  if (options.db)
    openDatabase(options.db, { migrationsFolder: sourceMigrationsFolder() }).$client.close()
  const results: ExperimentResult[] = new Array(jobs.length)
  const started = performance.now()
  let next = 0
  let done = 0
  const url = options.workerUrl ?? new URL('./sweep-worker.ts', import.meta.url)
  const lanes = Array.from(
    { length: Math.max(1, Math.min(options.parallel, jobs.length)) },
    async () => {
      const worker = startWorker(url)
      try {
        while (next < jobs.length) {
          const index = next++
          const reply = await new Promise<{
            ok: boolean
            result?: ExperimentResult
            error?: string
          }>((resolve, reject) => {
            const onError = (error: Error) => reject(error)
            worker.once('error', onError)
            worker.once(
              'message',
              (message: { ok: boolean; result?: ExperimentResult; error?: string }) => {
                worker.off('error', onError)
                resolve(message)
              },
            )
            worker.postMessage({
              index,
              job: jobs[index],
              db: options.db,
              appVersion: options.appVersion,
            })
          })
          if (!reply.ok || !reply.result)
            throw new Error(`experiment ${index + 1} failed: ${reply.error}`)
          results[index] = reply.result
          done++
          options.onProgress?.({
            done,
            total: jobs.length,
            seconds: (performance.now() - started) / 1000,
          })
        }
      } finally {
        await worker.terminate()
      }
    },
  )
  await Promise.all(lanes)
  return { jobs, results, rows: summariseSweep(jobs, results) }
}
