// A worker thread running whole experiments of a sweep, one at a time, in its own thread.
import { parentPort } from 'node:worker_threads'
import { InProcessHost } from '../host/in-process-host'
import { configOf } from '../../shared/sweep'
import type { RecorderOptions } from '../recorder/recorder'
import { runExperiment } from './run-experiment'
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
    runExperiment({
      config: configOf(job.settings, job.seed),
      clocks: job.settings.clocks,
      createHost: async (config, state, options) => new InProcessHost(config, state, options),
      chunk: 1_000,
      ...(recording ? { recording: recorderOptions(recording) } : {}),
    }),
})
