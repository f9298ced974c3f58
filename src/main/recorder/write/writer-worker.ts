// The writer thread: takes row batches from the recorder and writes each in one transaction, so
// the thread running the lab never waits on SQLite. It imports run files too, in short steps
// between which the recording's batches are written (see importRunFile).
import { parentPort, workerData } from 'node:worker_threads'
import { serveCalls } from '../../workers/worker-protocol'
import { openDatabase } from '../open-database'
import { readLinesSync } from '../read/read-lines-sync'
import { RowWriter } from './row-writer'
import { importRunFile, pauseBriefly } from '../run-file/run-file-import'
import { asImportRefusal, type WriterCalls } from './writer-protocol'
import type { RunOwnerRow } from '../run-owner'

if (!parentPort) throw new Error('writer-worker must run in a worker thread')
const { file, nativeBinding, owner, stop } = workerData as {
  file: string
  nativeBinding?: string
  /** The lab's own lock, stamped on an import's hidden run (run-owner.ts). */
  owner?: RunOwnerRow
  /**
   * Set (non-zero) by the lab when it closes and cannot wait: shared memory, since this thread
   * reads no message while it is inside a batch's transaction.
   */
  stop?: Int32Array
}
const stopRequested = stop ? () => Atomics.load(stop, 0) !== 0 : () => false
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

serveCalls<WriterCalls>(parentPort, {
  write: (batch) => {
    writer.write(batch, stopRequested)
    return null
  },
  // A refused file is an answer to the import, not a failure of the recording.
  import: (path) =>
    importRunFile(db, () => readLinesSync(path), pauseBriefly, owner).catch((error: unknown) => {
      throw asImportRefusal(error)
    }),
  close: () => {
    db.$client.close()
    return null
  },
})
