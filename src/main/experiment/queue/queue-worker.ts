import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { UnrecoverableError, Worker, type Job } from 'bullmq'
import { Redis } from 'ioredis'
import { openDatabase } from '../../recorder/open-database'
import { sourceMigrationsFolder } from '../../recorder/recorder'
import { runFileLines } from '../../recorder/run-file/run-file'
import { checkReachable, type QueueTarget } from './queue-url'
import { uploadRunFile } from './run-file-transfer'
import { SweepThread } from './sweep-thread'
import { sweepRecording } from '../run-sweep'
import {
  CANCEL_CHANNEL,
  cancelledKey,
  followedKey,
  parseJob,
  QUEUE_NAME,
  type SweepJobResult,
} from './sweep-jobs'

export interface QueueWorkerOptions {
  readonly target: QueueTarget
  /** Runs at once, each in a worker thread of its own. */
  readonly concurrency: number
  /** Record each run and send its run file back, when the submitter records. */
  readonly record: boolean
  readonly appVersion: string
  /**
   * How long a run's lock lasts unless renewed (it is, every half of it, while the worker
   * lives), and how often the worker looks for runs whose worker died: such a run goes back on
   * the queue after about this long plus one look. Short in tests; 30 s by default.
   */
  readonly lockMs?: number
  /** What the worker did: one line per run taken, finished, refused. */
  readonly log?: (line: string) => void
  /** The sweep worker's code: its TypeScript source unless a bundle names its own. */
  readonly threadUrl?: URL
}

export interface QueueWorker {
  /** Host name and process id: what the submitter is told ran each run. */
  readonly name: string
  /** Stops taking runs and stops the ones under way (their locks lapse: they run elsewhere). */
  close(): Promise<void>
}

/**
 * Takes runs of sweeps off the queue and executes them in worker threads, as the local sweep
 * does. A job is data (settings and a seed), checked against the sweep schema before it runs:
 * one that is not a run of the lab's fails with the reason and is never executed.
 */
export async function startQueueWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const { target } = options
  const log = options.log ?? (() => {})
  await checkReachable(target)
  const name = `${hostname()}:${process.pid}`
  const connection = { ...target.connection, maxRetriesPerRequest: null }
  const redis = new Redis(connection)
  const subscriber = new Redis(connection)
  const quiet = (error: Error) => log(target.redact(`queue: ${error.message}`))
  redis.on('error', quiet)
  subscriber.on('error', quiet)
  const migrationsFolder = sourceMigrationsFolder()
  const idle: SweepThread[] = []
  const active = new Map<string, { sweep: string; thread: SweepThread; cancelled: boolean }>()
  let closing = false

  // A cancelled sweep: its runs under way stop now (their threads end), not at their end.
  await subscriber.subscribe(CANCEL_CHANNEL)
  subscriber.on('message', (_channel: string, sweep: string) => {
    for (const [id, entry] of active)
      if (entry.sweep === sweep && !entry.cancelled) {
        entry.cancelled = true
        log(`cancelled ${id}`)
        void entry.thread.terminate()
      }
  })

  const processJob = async (job: Job): Promise<SweepJobResult> => {
    const id = job.id ?? '?'
    let parsed
    try {
      parsed = parseJob(job.name, job.data)
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      log(`refused ${id}: ${reason}`)
      throw new UnrecoverableError(`refused: ${reason}`)
    }
    if (await redis.exists(cancelledKey(parsed.sweep)))
      throw new UnrecoverableError('the sweep was cancelled')
    if (!(await redis.exists(followedKey(parsed.sweep))))
      throw new UnrecoverableError('nobody follows the sweep any more (its submitter is gone)')
    const dir = options.record && parsed.record ? await mkdtemp(join(tmpdir(), 'chain-lab-')) : null
    const file = dir ? join(dir, 'run.sqlite') : null
    const thread = idle.pop() ?? new SweepThread(options.threadUrl)
    const entry = { sweep: parsed.sweep, thread, cancelled: false }
    active.set(id, entry)
    log(`running ${id} (seed ${parsed.job.seed})`)
    try {
      let metrics
      try {
        // Checked and migrated here, before the thread opens it (as the local sweep does).
        metrics = await thread.run(
          parsed.job,
          file ? sweepRecording(file, { appVersion: options.appVersion, migrationsFolder }) : null,
        )
      } catch (error) {
        // This worker is stopping: the run is left active, its lock lapses, and another worker
        // takes it up (stalled-job recovery), rather than failing a run that did nothing wrong.
        if (closing) await new Promise(() => {})
        if (entry.cancelled) throw new UnrecoverableError('the sweep was cancelled')
        void thread.terminate()
        throw new UnrecoverableError(
          `the run failed: ${error instanceof Error ? error.message : String(error)}`,
        )
      }
      if (entry.cancelled) throw new UnrecoverableError('the sweep was cancelled')
      idle.push(thread)
      let runFile = null
      if (file && metrics.runId !== null) {
        const db = openDatabase(file, { migrationsFolder, readonly: true })
        try {
          // A key of this attempt's own: a run retried after a stall never mixes two uploads.
          const key = `chain-lab:run-file:${id}:${randomUUID()}`
          runFile = await uploadRunFile(redis, key, runFileLines(db, metrics.runId))
        } finally {
          db.$client.close()
        }
      }
      log(`finished ${id}`)
      return { metrics: { ...metrics, runId: null }, runFile, worker: name }
    } finally {
      active.delete(id)
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  }

  const lockMs = options.lockMs ?? 30_000
  const worker = new Worker(QUEUE_NAME, processJob, {
    connection,
    concurrency: options.concurrency,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    // A run whose worker died goes back on the queue; twice over, it is failed, not looped.
    maxStalledCount: 2,
  })
  worker.on('error', quiet)
  worker.on('failed', (job, error) =>
    log(target.redact(`failed ${job?.id ?? '?'}: ${error.message}`)),
  )
  await worker.waitUntilReady()

  return {
    name,
    async close() {
      closing = true
      for (const entry of active.values()) {
        entry.cancelled = true
        void entry.thread.terminate()
      }
      await worker.close(true)
      await Promise.all(idle.splice(0).map((t) => t.terminate()))
      subscriber.disconnect()
      redis.disconnect()
    },
  }
}
