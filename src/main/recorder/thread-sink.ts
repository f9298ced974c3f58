import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers/start-worker'
import type { RowSink } from './run-writer'
import { errorOf, type WriterReply, type WriterRequest } from './writer-protocol'

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
  options: { url?: URL; nativeBinding?: string } = {},
): RowSink {
  const worker: Worker = startWorker(options.url ?? sourceWriterUrl(), {
    file,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  })
  let sent = 0
  let written = 0
  let failure: Error | null = null
  let waiters: { seq: number; resolve: () => void; reject: (e: Error) => void }[] = []
  const fail = (error: Error) => {
    if (!failure) console.error(`[recorder] the writer thread failed: ${error.message}`)
    failure ??= error
    for (const w of waiters) w.reject(failure)
    waiters = []
    for (const i of importing.values()) i.reject(failure)
    importing.clear()
    onClosed?.()
  }
  let closing = false
  let onClosed: (() => void) | null = null
  let imports = 0
  const importing = new Map<
    number,
    { resolve: (runId: number) => void; reject: (e: Error) => void }
  >()
  worker.on('message', (message: WriterReply) => {
    if ('closed' in message) return onClosed?.()
    if ('importId' in message) {
      const waiting = importing.get(message.importId)
      importing.delete(message.importId)
      if ('refused' in message) waiting?.reject(errorOf(message.refused))
      else waiting?.resolve(message.runId)
      return
    }
    if (message.error)
      return fail(new Error(`writing run rows failed: ${message.error.split('\n')[0]}`))
    written = message.seq
    waiters = waiters.filter((w) => (w.seq <= written ? (w.resolve(), false) : true))
  })
  worker.on('error', (error) => fail(error))
  worker.on('exit', (code) => {
    if (!closing) fail(new Error(`the writer thread exited (code ${code})`))
    onClosed?.()
  })
  return {
    write(batch) {
      if (failure) throw failure
      worker.postMessage({ seq: ++sent, batch } satisfies WriterRequest)
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
      const importId = ++imports
      return new Promise((resolve, reject) => {
        importing.set(importId, { resolve, reject })
        worker.postMessage({ importId, importPath: path } satisfies WriterRequest)
      })
    },
    async close() {
      try {
        await this.settle()
      } finally {
        closing = true
        if (!failure) {
          const closed = new Promise<void>((resolve) => (onClosed = resolve))
          worker.postMessage({ close: true })
          await closed
        }
        await worker.terminate()
      }
    },
  }
}
