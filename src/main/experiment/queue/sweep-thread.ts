import type { Worker } from 'node:worker_threads'
import type { SweepJob } from '../../../shared/sweep'
import type { RecorderOptions } from '../../recorder/recorder'
import { startWorker } from '../../workers/start-worker'
import type { ExperimentResult } from '../run-experiment'

/**
 * One worker thread running experiments one at a time: the local sweep's own thread
 * (sweep-worker.ts, the same message in and out), so a run taken from the queue executes exactly
 * as a local one. Terminating it mid-run (a cancelled sweep) rejects the run under way.
 */
export class SweepThread {
  private readonly worker: Worker
  private busy = false

  constructor(url = new URL('../sweep-worker.ts', import.meta.url)) {
    this.worker = startWorker(url)
  }

  run(
    job: SweepJob,
    recording: (RecorderOptions & { file: string }) | null,
  ): Promise<ExperimentResult> {
    if (this.busy) throw new Error('a sweep thread runs one experiment at a time')
    this.busy = true
    const worker = this.worker
    return new Promise<ExperimentResult>((resolve, reject) => {
      const settle = () => {
        this.busy = false
        worker.off('error', onError)
        worker.off('exit', onExit)
        worker.off('message', onMessage)
      }
      const onError = (error: Error) => {
        settle()
        reject(error)
      }
      const onExit = (code: number) => {
        settle()
        reject(new Error(`the sweep thread stopped (code ${code})`))
      }
      const onMessage = (reply: { ok: boolean; result?: ExperimentResult; error?: string }) => {
        settle()
        if (reply.ok && reply.result) resolve(reply.result)
        else reject(new Error(reply.error ?? 'the experiment failed'))
      }
      worker.on('error', onError)
      worker.on('exit', onExit)
      worker.on('message', onMessage)
      worker.postMessage({ index: 0, job, recording })
    })
  }

  async terminate(): Promise<void> {
    await this.worker.terminate()
  }
}
