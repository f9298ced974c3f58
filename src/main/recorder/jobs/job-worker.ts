// A job thread: one long read of the recording (a verify, an export) on a read-only connection
// of its own, so the lab's thread keeps answering meanwhile. The main thread cancels a job by
// terminating its thread, which stops it at once, mid-step or mid-query alike.
import { parentPort, workerData } from 'node:worker_threads'
import { notify, serveCalls } from '../../workers/worker-protocol'
import { openDatabase } from '../open-database'
import { RunReader } from '../read/run-reader'
import { RunReplayer } from '../replay/run-replay'
import { exportChunks, exportLineCount } from '../run-file/run-export'
import type { JobCalls, JobNotice, JobThreadData } from './job-protocol'
import { lowerThreadPriority } from '../../workers/thread-priority'

if (!parentPort) throw new Error('job-worker must run in a worker thread')
// The lab's thread answers first when the cores are busy (see lowerThreadPriority).
lowerThreadPriority()
const port = parentPort
const { file, nativeBinding } = workerData as JobThreadData
const db = openDatabase(file, { migrationsFolder: '', readonly: true, nativeBinding })
const reader = new RunReader(db)
let chunks: Iterator<string> | null = null

serveCalls<JobCalls>(port, {
  verify: ({ runId }) =>
    new RunReplayer(reader).verify(runId, (done, total) =>
      notify<JobNotice>(port, { done, total }),
    ),
  exportOpen: ({ runId, format }) => {
    // Every page of the export from one moment of the file, however long it takes while the
    // recording goes on (WAL lets it write meanwhile): the count and the rows then agree.
    db.$client.exec('BEGIN')
    const lines = exportLineCount(db, reader, runId, format)
    chunks = exportChunks(db, reader, runId, format)[Symbol.iterator]()
    return { lines }
  },
  exportNext: () => {
    const next = chunks?.next()
    return next && !next.done ? next.value : null
  },
})
