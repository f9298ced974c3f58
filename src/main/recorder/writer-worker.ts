// The writer thread: takes row batches from the recorder and writes each in one transaction, so
// the thread running the lab never waits on SQLite. It imports run files too, in short steps
// between which the recording's batches are written (see importRunFile).
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from './open-database'
import { readLinesSync } from './read-lines-sync'
import { RowWriter } from './row-writer'
import { importRunFile, pauseBriefly } from './run-file-import'
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
    // In steps: the batches that come meanwhile are written between them.
    importRunFile(db, () => readLinesSync(importPath), pauseBriefly).then(
      (runId) => port.postMessage({ importId, runId }),
      // A refused file is an answer to the import, not a failure of the recording.
      (error: unknown) => port.postMessage({ importId, refused: refusalOf(error) }),
    )
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
