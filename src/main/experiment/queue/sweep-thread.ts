import type { SweepJob } from '../../../shared/sweep'
import { startWorker } from '../../workers/start-worker'
import { WorkerClient } from '../../workers/worker-protocol'
import type { SweepJobOutput } from '../run-sweep-job'
import type { SweepCalls, SweepRecording } from '../run-sweep'

/**
 * One worker thread running experiments one at a time: the local sweep's own thread
 * (sweep-worker.ts, the same calls in and out), so a run taken from the queue executes exactly
 * as a local one. Terminating it mid-run (a cancelled sweep) rejects the run under way.
 */
export class SweepThread {
  private readonly client: WorkerClient<SweepCalls>
  private busy = false

  constructor(url = new URL('../sweep-worker.ts', import.meta.url)) {
    this.client = new WorkerClient<SweepCalls>(startWorker(url), (cause) =>
      this.client.fail(new Error(`the sweep thread stopped: ${cause}`)),
    )
  }

  async run(job: SweepJob, recording: SweepRecording | null): Promise<SweepJobOutput> {
    if (this.busy) throw new Error('a sweep thread runs one experiment at a time')
    this.busy = true
    try {
      return await this.client.call('experiment', { job, recording })
    } finally {
      this.busy = false
    }
  }

  async terminate(): Promise<void> {
    this.client.fail(new Error('the sweep thread was stopped'))
    await this.client.terminate()
  }
}
