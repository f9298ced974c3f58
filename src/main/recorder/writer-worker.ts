// The writer thread: takes row batches from the recorder and writes each in one transaction, so
// the thread running the lab never waits on SQLite.
import { parentPort, workerData } from 'node:worker_threads'
import { openDatabase } from './open-database'
import { RowWriter, type RowBatch } from './row-writer'

if (!parentPort) throw new Error('writer-worker must run in a worker thread')
const port = parentPort
const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string }
// An import holds the write lock for as long as its inserts take (some 20 s for a million
// events). This thread can wait it out, the lab queueing its batches meanwhile, where failing
// would end the live run's recording.
const db = openDatabase(file, {
  migrationsFolder: '',
  migrate: false,
  nativeBinding,
  busyTimeoutMs: 10 * 60_000,
})
const writer = new RowWriter(db)

port.on('message', (message: { seq: number; batch: RowBatch } | { close: true }) => {
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
