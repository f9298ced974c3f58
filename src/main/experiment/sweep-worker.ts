// A worker thread running whole experiments of a sweep, one at a time, in its own thread.
import { parentPort } from 'node:worker_threads'
import type { RecorderOptions } from '../recorder/recorder'
import { runSweepJob } from './run-sweep-job'
import type { SweepCalls, SweepRecording } from './run-sweep'
import { serveCalls } from '../workers/worker-protocol'

if (!parentPort) throw new Error('sweep-worker must run in a worker thread')

/** The recorder's options again: the writer's code as a URL, its text having crossed. */
function recorderOptions({
  writerHref,
  ...rest
}: SweepRecording): RecorderOptions & { file: string } {
  return { ...rest, ...(writerHref ? { writerUrl: new URL(writerHref) } : {}) }
}

serveCalls<SweepCalls>(parentPort, {
  experiment: ({ job, recording }) =>
    runSweepJob(job, recording ? recorderOptions(recording) : null),
})
