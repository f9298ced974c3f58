import { startWorker } from '../../workers/start-worker'
import { WorkerCallFailed, WorkerClient } from '../../workers/worker-protocol'
import type { RowSink } from './row-sink'
import type { RunOwnerRow } from '../run-owner'
import type { WriterCalls } from './writer-protocol'

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
  const worker = new WorkerClient<WriterCalls>(
    startWorker(options.url ?? sourceWriterUrl(), {
      file,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.owner ? { owner: options.owner } : {}),
    }),
    (cause) => fail(new Error(`the writer thread ${cause.split('\n')[0]}`)),
  )
  let sent = 0
  let written = 0
  let failure: Error | null = null
  let waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = []
  const fail = (error: Error) => {
    if (failure) return
    failure = error
    options.onFailure?.(error)
    for (const w of waiters) w.reject(failure)
    waiters = []
    worker.fail(failure)
  }
  return {
    thread: worker.worker,
    write(batch) {
      if (failure) throw failure
      sent++
      // Batches are written in order, so each answer means every batch up to it is written.
      worker.call('write', batch).then(
        () => {
          written++
          waiters = waiters.filter((w) => (w.seq <= written ? (w.resolve(), false) : true))
        },
        (error: Error) => fail(new Error(`writing run rows failed: ${error.message}`)),
      )
    },
    settle(backlog = 0) {
      if (failure) return Promise.reject(failure)
      const seq = sent - backlog
      if (written >= seq) return Promise.resolve()
      return new Promise((resolve, reject) => waiters.push({ seq, resolve, reject }))
    },
    backlog: () => sent - written,
    importRun(path) {
      if (failure) return Promise.reject(failure)
      return worker.call('import', path).catch((error: unknown) => {
        throw error instanceof WorkerCallFailed
          ? new Error(`importing the run file failed: ${error.message}`)
          : error
      })
    },
    async close() {
      try {
        await this.settle()
      } finally {
        // A thread that fails meanwhile has said so (fail logs it): closing goes on.
        if (!failure) await worker.call('close', null).catch(() => null)
        await worker.terminate()
      }
    },
  }
}
