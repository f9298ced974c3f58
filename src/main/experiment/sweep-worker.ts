// A worker thread running whole experiments of a sweep, one at a time, in its own thread.
import { parentPort } from 'node:worker_threads'
import { runSweepJob } from './run-sweep-job'
import type { SweepCalls } from './run-sweep'
import { serveCalls } from '../workers/worker-protocol'

if (!parentPort) throw new Error('sweep-worker must run in a worker thread')

serveCalls<SweepCalls>(parentPort, {
  experiment: ({ job, recording }) => runSweepJob(job, recording),
})
