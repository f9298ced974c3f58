// The writer thread: takes row batches from the recorder and writes each in one transaction, so
// the thread running the lab never waits on SQLite. It imports run files too: an import is one
// long transaction (some 20 s for a million events), which here holds up the recording's batches
// (queued meanwhile) but never the lab's thread.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from './open-database'
import { readLinesSync } from './read-lines-sync'
import { RowWriter } from './row-writer'
import { importRunLines } from './run-file-import'
import { refusalOf, type WriterRequest } from './writer-protocol'

if (!parentPort) throw new Error('writer-worker must run in a worker thread')
const port = parentPort
const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string }
// Another process's import (a second lab on the same file) holds the write lock for as long as
// its inserts take. This thread can wait it out, the lab queueing its batches meanwhile, where
// failing would end the live run's recording.
const db = openDatabase(file, {
  migrationsFolder: '',
  migrate: false,
  nativeBinding,
  busyTimeoutMs: 10 * 60_000,
})
const writer = new RowWriter(db)

port.on('message', (message: WriterRequest) => {
  if ('importPath' in message) {
    const { importId, importPath } = message
    try {
      port.postMessage({ importId, runId: importRunLines(db, readLinesSync(importPath)) })
    } catch (error) {
      // A refused file is an answer to the import, not a failure of the recording.
      port.postMessage({ importId, refused: refusalOf(error) })
    }
    return
  }
  if ('close' in message) {
    // Close the connection before the thread goes, so the WAL is checkpointed cleanly.
    db.$client.close()
    port.postMessage({ closed: true })
    return
  }
  const { seq, batch } = message
  try {
    writer.write(batch)
    port.postMessage({ seq })
  } catch (error) {
    port.postMessage({
      seq,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    })
  }
})
