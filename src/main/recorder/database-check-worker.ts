// A thread of its own for SQLite's full check of the database file: it reads every page and
// every index, seconds for a large file, while the lab's thread and the writer's go on.
import { parentPort, workerData } from 'node:worker_threads'
import { serveCalls } from '../workers/worker-protocol'
import { checkIntegrity } from './database-check'
import type { DatabaseCheckCalls } from './database-check'

if (!parentPort) throw new Error('database-check-worker must run in a worker thread')
const { file, nativeBinding } = workerData as { file: string; nativeBinding?: string }

serveCalls<DatabaseCheckCalls>(parentPort, {
  check: (kind) => checkIntegrity(file, kind, nativeBinding ? { nativeBinding } : {}),
})
