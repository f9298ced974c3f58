import { startWorker } from '../../workers/start-worker'
import { WorkerCallFailed, WorkerClient } from '../../workers/worker-protocol'
import type { RowSink } from './row-sink'
import { batchTransferables } from './row-writer'
import type { RunOwnerRow } from '../run-owner'
import type { WriterCalls } from './writer-protocol'
import { LabError } from '../../../shared/errors'

/**
 * After the flag is set, how long the thread may take to roll back the batch under way and
 * close its connection (a chunk takes milliseconds) before it is ended as it is.
 */
const STOP_GRACE_MS = 250

/** Whether `promise` settles well within `ms` (Infinity: whenever it settles). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = Number.isFinite(ms) ? setTimeout(() => resolve(false), Math.max(0, ms)) : null
    const done = (ok: boolean) => () => {
      if (timer) clearTimeout(timer)
      resolve(ok)
    }
    promise.then(done(true), done(false))
  })
}

/** The writer thread's code: its TypeScript source, unless a bundle names its own. */
export function sourceWriterUrl(): URL {
  return new URL('./writer-worker.ts', import.meta.url)
}

/**
 * Writes batches in a worker thread with its own connection to the file (SQLite in WAL mode lets
 * the lab's readers go on meanwhile). `settle` resolves once every batch sent so far is written.
 */
export function threadSink(
  file: string,
  options: {
    url?: URL
    nativeBinding?: string
    owner?: RunOwnerRow
    /** Hears, once, why the thread failed: a batch it could not write, or its death. */
    onFailure?: (error: Error) => void
  } = {},
): RowSink {
  // The thread's stop flag, read between chunks of a batch (see RowWriter.write).
  const stopFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT))
  // Started by the first batch or import: a recorder opened only to read (a test's, a sweep's
  // check) never pays for a thread, which takes seconds to start under load.
  let client: WorkerClient<WriterCalls> | null = null
  const worker = (): WorkerClient<WriterCalls> =>
    (client ??= new WorkerClient<WriterCalls>(
      startWorker(options.url ?? sourceWriterUrl(), {
        file,
        stop: stopFlag,
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(options.owner ? { owner: options.owner } : {}),
      }),
      (cause) => fail(new Error(`the writer thread ${cause.split('\n')[0]}`)),
    ))
  let sent = 0
  let written = 0
  let failure: Error | null = null
  /** Set once the thread is told to stop: its refusals from then on are no failure. */
  let stopped: Error | null = null
  let waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = []
  const fail = (error: Error) => {
    if (failure) return
    failure = error
    options.onFailure?.(error)
    for (const w of waiters) w.reject(failure)
    waiters = []
    client?.fail(failure)
  }
  return {
    get thread() {
      return client?.worker
    },
    write(batch) {
      if (failure) throw failure
      sent++
      // Batches are written in order, so each answer means every batch up to it is written.
      worker()
        .call('write', batch, batchTransferables(batch))
        .then(
          () => {
            written++
            waiters = waiters.filter((w) => (w.seq <= written ? (w.resolve(), false) : true))
          },
          (error: Error) => {
            if (stopped && error instanceof LabError && error.code === 'cancelled') return
            fail(new Error(`writing run rows failed: ${error.message}`))
          },
        )
    },
    settle(backlog = 0) {
      if (failure) return Promise.reject(failure)
      if (stopped) return Promise.reject(stopped)
      const seq = sent - backlog
      if (written >= seq) return Promise.resolve()
      return new Promise((resolve, reject) => waiters.push({ seq, resolve, reject }))
    },
    backlog: () => sent - written,
    importRun(path) {
      if (failure) return Promise.reject(failure)
      return worker()
        .call('import', path)
        .catch((error: unknown) => {
          throw error instanceof WorkerCallFailed
            ? new Error(`importing the run file failed: ${error.message}`)
            : error
        })
    },
    async close(deadline = Infinity) {
      if (!client) return true
      // A thread that fails meanwhile has said so (fail logs it): closing goes on.
      const complete = await settlesWithin(this.settle(), deadline - Date.now())
      if (!complete && !failure) {
        // Past the deadline: the batch under way is rolled back, those behind it refused, and
        // the run stays at its last committed batch (the caller marks it interrupted).
        stopped = new Error('the writer was stopped before every batch was written')
        Atomics.store(stopFlag, 0, 1)
        for (const w of waiters) w.reject(stopped)
        waiters = []
      }
      if (!failure)
        await settlesWithin(client.call('close', null), complete ? Infinity : STOP_GRACE_MS)
      await client.terminate()
      return complete
    },
  }
}
