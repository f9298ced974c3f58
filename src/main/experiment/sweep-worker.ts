// A worker thread running whole experiments of a sweep, one at a time, in its own thread.
import { parentPort } from 'node:worker_threads'
import { InProcessHost } from '../host/in-process-host'
import { configOf, type SweepJob } from '../../shared/sweep'
import type { RecorderOptions } from '../recorder/recorder'
import { runExperiment } from './run-experiment'
import type { SweepRecording } from './run-sweep'

if (!parentPort) throw new Error('sweep-worker must run in a worker thread')
const port = parentPort

/** The recorder's options again: the writer's code as a URL, its text having crossed. */
function recorderOptions({
  writerHref,
  ...rest
}: SweepRecording): RecorderOptions & { file: string } {
  return { ...rest, ...(writerHref ? { writerUrl: new URL(writerHref) } : {}) }
}

port.on(
  'message',
  (message: { index: number; job: SweepJob; recording: SweepRecording | null }) => {
    const { index, job, recording } = message
    runExperiment({
      config: configOf(job.settings, job.seed),
      clocks: job.settings.clocks,
      createHost: async (config) => new InProcessHost(config),
      chunk: 1_000,
      ...(recording ? { recording: recorderOptions(recording) } : {}),
    }).then(
      (result) => port.postMessage({ index, ok: true, result }),
      (error: unknown) => port.postMessage({ index, ok: false, error: String(error) }),
    )
  },
)
