// A worker thread running whole experiments of a sweep, one at a time, in its own thread.
import { parentPort } from 'node:worker_threads'
import { InProcessHost } from '../host/in-process-host'
import { configOf } from '../../shared/sweep'
import { runExperiment } from './run-experiment'
import type { SweepCalls } from './run-sweep'
import { serveCalls } from '../workers/worker-protocol'

if (!parentPort) throw new Error('sweep-worker must run in a worker thread')

serveCalls<SweepCalls>(parentPort, {
  experiment: ({ job, recording }) =>
    runExperiment({
      config: configOf(job.settings, job.seed),
      clocks: job.settings.clocks,
      createHost: async (config, state, options) => new InProcessHost(config, state, options),
      chunk: 1_000,
      ...(recording ? { recording } : {}),
    }),
})
