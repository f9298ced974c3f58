import { SweepCancelledError } from '../run-sweep'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Queue, QueueEvents } from 'bullmq'
import { Redis } from 'ioredis'
import { Recorder } from '../../recorder/recorder'
import type { SweepJobOutput } from '../run-sweep-job'
import type { SweepProgress } from '../run-sweep'
import {
  expandSweep,
  summariseSweep,
  type Sweep,
  type SweepJob,
  type SweepRow,
} from '../../../shared/sweep'
import { checkReachable, type QueueTarget } from './queue-url'
import { downloadRunFile } from './run-file-transfer'
import {
  CANCEL_CHANNEL,
  cancelledKey,
  FOLLOWED_SECONDS,
  followedKey,
  jobData,
  jobId,
  parseResult,
  QUEUE_NAME,
  RUN_KIND,
  type SweepJobResult,
} from './sweep-jobs'

export interface QueuedSweepProgress extends SweepProgress {
  /** The run just finished (an index into the sweep's jobs) and the worker that ran it. */
  readonly index: number
  readonly worker: string
}

// One cancel for local and queued sweeps alike (the lab answers it with the code `cancelled`).
export { SweepCancelledError }

/** A finished job's record is kept this long, for whoever looks at the queue afterwards. */
const KEEP_SECONDS = 24 * 60 * 60
/** How often the submitter asks after runs it has not heard of (a missed event, a reconnect). */
const RECONCILE_MS = 3_000
/** How long a cancel waits for the runs under way to stop. */
const CANCEL_WAIT_MS = 10_000

/**
 * Runs a sweep through a BullMQ queue: every run goes on the queue as data (settings and a
 * seed), workers anywhere take them (see queue-worker.ts), and this follows them to the end,
 * with the same progress and the same summary as runSweep. With `db`, each run's file comes
 * back through Redis and is imported as POST /api/runs/import does.
 *
 * A run is counted once, by its job id, whatever a retry after a stall sends twice. On a
 * failure or a cancel, the sweep's waiting runs are removed and its running ones told to stop.
 */
export async function runQueuedSweep(
  sweep: Sweep,
  options: {
    target: QueueTarget
    db: string | null
    appVersion: string
    migrationsFolder?: string
    nativeBinding?: string
    onProgress?: (p: QueuedSweepProgress) => void
    signal?: AbortSignal
  },
): Promise<{ jobs: SweepJob[]; results: SweepJobOutput[]; rows: SweepRow[]; workers: string[] }> {
  const { target, signal } = options
  const jobs = expandSweep(sweep)
  // Before anything is queued or written: an unreachable queue is an error within seconds.
  await checkReachable(target)
  signal?.throwIfAborted()
  const connection = { ...target.connection, maxRetriesPerRequest: null }
  const noted: Error[] = []
  const note = (error: Error) => noted.push(new Error(target.redact(error.message)))
  const redis = new Redis(connection)
  redis.on('error', note)
  const events = new QueueEvents(QUEUE_NAME, { connection })
  events.on('error', note)
  const queue = new Queue(QUEUE_NAME, { connection })
  queue.on('error', note)
  const recorder = options.db
    ? Recorder.open(options.db, {
        appVersion: options.appVersion,
        ...(options.migrationsFolder ? { migrationsFolder: options.migrationsFolder } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      })
    : null

  const sweepId = randomUUID().replace(/-/g, '')
  const ids = jobs.map((_, i) => jobId(sweepId, i))
  const indexOf = new Map(ids.map((id, i) => [id, i]))
  const results: SweepJobOutput[] = new Array(jobs.length)
  const workers: string[] = new Array(jobs.length)
  const heard = new Set<string>()
  const runFileKeys = new Set<string>()
  const started = performance.now()
  let done = 0
  let imports = Promise.resolve()
  let reconcile: NodeJS.Timeout | undefined
  let heartbeat: NodeJS.Timeout | undefined

  const fetchRunFile = async (result: SweepJobResult): Promise<number | null> => {
    if (!result.runFile) return null
    if (!recorder) return null
    const dir = await mkdtemp(join(tmpdir(), 'chain-lab-import-'))
    try {
      const file = join(dir, 'run.chain-lab-run')
      await downloadRunFile(redis, result.runFile, file)
      return await recorder.importRunFile(file)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  const finished = new Promise<void>((resolve, reject) => {
    const complete = (id: string, returnvalue: unknown) => {
      const index = indexOf.get(id)
      // Counted once, by job id: a second word of the same run is ignored.
      if (index === undefined || heard.has(id)) return
      heard.add(id)
      let result: SweepJobResult
      try {
        result = parseResult(returnvalue)
      } catch (error) {
        return reject(error)
      }
      if (result.runFile) runFileKeys.add(result.runFile.key)
      imports = imports
        .then(async () => {
          const runId = await fetchRunFile(result)
          if (result.runFile) {
            await redis.del(result.runFile.key)
            runFileKeys.delete(result.runFile.key)
          }
          results[index] = { ...result.metrics, runId }
          workers[index] = result.worker
          done++
          options.onProgress?.({
            done,
            total: jobs.length,
            seconds: (performance.now() - started) / 1000,
            index,
            worker: result.worker,
          })
          if (done === jobs.length) resolve()
        })
        .catch(reject)
    }
    const fail = (id: string, reason: string) => {
      const index = indexOf.get(id)
      if (index === undefined) return
      reject(new Error(target.redact(`experiment ${index + 1} failed on the queue: ${reason}`)))
    }
    events.on('completed', ({ jobId: id, returnvalue }) => complete(id, returnvalue))
    events.on('failed', ({ jobId: id, failedReason }) => fail(id, failedReason))
    reconcile = setInterval(() => {
      void (async () => {
        for (const id of ids) {
          if (heard.has(id)) continue
          const job = await queue.getJob(id)
          if (!job?.finishedOn) continue
          if (job.failedReason) fail(id, job.failedReason)
          else complete(id, job.returnvalue)
        }
      })().catch(() => {})
    }, RECONCILE_MS)
    signal?.addEventListener('abort', () => reject(new SweepCancelledError()), { once: true })
  })
  finished.catch(() => {})

  const cancel = async () => {
    await redis.set(cancelledKey(sweepId), '1', 'EX', KEEP_SECONDS)
    await redis.publish(CANCEL_CHANNEL, sweepId)
    const deadline = performance.now() + CANCEL_WAIT_MS
    for (;;) {
      let running = 0
      for (const id of ids) {
        // A waiting run goes now; a running one is locked until its worker has stopped it.
        const removed = await queue.remove(id).catch(() => 0)
        if (!removed && (await queue.getJobState(id)) === 'active') running++
      }
      if (running === 0 || performance.now() > deadline) return
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  try {
    await events.waitUntilReady()
    const follow = () => redis.set(followedKey(sweepId), '1', 'EX', FOLLOWED_SECONDS)
    await follow()
    heartbeat = setInterval(() => void follow().catch(() => {}), (FOLLOWED_SECONDS * 1000) / 4)
    await queue.addBulk(
      jobs.map((job, i) => ({
        name: RUN_KIND,
        data: jobData(sweepId, i, job, recorder !== null),
        opts: {
          jobId: ids[i] as string,
          attempts: 1,
          removeOnComplete: { age: KEEP_SECONDS },
          removeOnFail: { age: KEEP_SECONDS },
        },
      })),
    )
    await finished
    await imports
    await Promise.all(ids.map((id) => queue.remove(id).catch(() => 0)))
  } catch (error) {
    await cancel().catch(() => {})
    throw error
  } finally {
    clearInterval(reconcile)
    clearInterval(heartbeat)
    await redis.del(followedKey(sweepId)).catch(() => 0)
    await imports.catch(() => {})
    for (const key of runFileKeys) await redis.del(key).catch(() => 0)
    await events.close()
    await queue.close()
    redis.disconnect()
    await recorder?.close()
  }
  return { jobs, results, rows: summariseSweep(jobs, results), workers }
}
