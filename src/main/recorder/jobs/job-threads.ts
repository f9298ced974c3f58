import { LabError } from '../../../shared/errors'
import type { ExportFormat } from '../../../shared/export-formats'
import type { VerifyResult } from '../../../shared/run-types'
import { startWorker } from '../../workers/start-worker'
import { WorkerClient } from '../../workers/worker-protocol'
import type { JobCalls, JobNotice, JobThreadData } from './job-protocol'

/** The job thread's code: its TypeScript source, unless a bundle names its own. */
export function sourceJobUrl(): URL {
  return new URL('./job-worker.ts', import.meta.url)
}

/** An export under way: the lines to expect and its chunks of whole lines; close() ends it. */
export interface ExportStream {
  readonly lines: number
  readonly chunks: AsyncIterable<string>
  close(): Promise<void>
}

type Progress = (done: number, total: number) => void

/** The same jobs done in this thread, for a file no other thread can open (':memory:'). */
export interface InlineJobs {
  verify(runId: number, onProgress?: Progress, signal?: AbortSignal): Promise<VerifyResult>
  exportLines(runId: number, format: ExportFormat): Generator<string>
  exportLineCount(runId: number, format: ExportFormat): number
}

/**
 * Long reads of the recording, each in a thread of its own (job-worker.ts): a verify that
 * re-executes a 100,000-clock step, or an export of a million events, never holds the lab's
 * thread. Aborting a job's signal terminates its thread, so a cancel takes effect at once
 * whatever the job is doing; close() ends every job (the lab shutting down).
 */
export class JobThreads {
  private readonly running = new Set<WorkerClient<JobCalls>>()

  constructor(
    private readonly data: JobThreadData | null,
    private readonly url: URL,
    private readonly inline: InlineJobs,
  ) {}

  async verify(runId: number, onProgress?: Progress, signal?: AbortSignal): Promise<VerifyResult> {
    if (!this.data) return this.inline.verify(runId, onProgress, signal)
    signal?.throwIfAborted()
    const client = this.start((notice) => {
      const { done, total } = notice as JobNotice
      onProgress?.(done, total)
    })
    const abort = () => void this.stop(client)
    signal?.addEventListener('abort', abort)
    try {
      return await client.call('verify', { runId })
    } finally {
      signal?.removeEventListener('abort', abort)
      void this.stop(client)
    }
  }

  /** A run's export, read by a thread of its own a chunk ahead of its reader. */
  async openExport(
    runId: number,
    format: ExportFormat,
    signal?: AbortSignal,
  ): Promise<ExportStream> {
    if (!this.data) return this.openInline(runId, format)
    signal?.throwIfAborted()
    const client = this.start()
    const close = async () => {
      signal?.removeEventListener('abort', abort)
      await this.stop(client)
    }
    const abort = () => void close()
    signal?.addEventListener('abort', abort)
    try {
      const { lines } = await client.call('exportOpen', { runId, format })
      async function* chunks(): AsyncGenerator<string> {
        try {
          let next = client.call('exportNext', null)
          for (;;) {
            const chunk = await next
            if (chunk === null) return
            // The thread reads the next chunk while this one is written.
            next = client.call('exportNext', null)
            next.catch(() => undefined)
            yield chunk
          }
        } finally {
          await close()
        }
      }
      return { lines, chunks: chunks(), close }
    } catch (error) {
      await close()
      throw error
    }
  }

  /** Ends every job under way; their callers hear that the job was stopped. */
  async close(): Promise<void> {
    await Promise.all([...this.running].map((client) => this.stop(client)))
  }

  private start(onNotice?: (notice: unknown) => void): WorkerClient<JobCalls> {
    const client: WorkerClient<JobCalls> = new WorkerClient<JobCalls>(
      startWorker(this.url, this.data),
      (cause) => client.fail(new Error(`a job thread ${cause.split('\n')[0]}`)),
      onNotice,
    )
    this.running.add(client)
    return client
  }

  private async stop(client: WorkerClient<JobCalls>): Promise<void> {
    if (!this.running.delete(client)) return
    client.fail(new LabError('cancelled', 'the job was stopped'))
    await client.terminate()
  }

  private openInline(runId: number, format: ExportFormat): ExportStream {
    const lines = this.inline.exportLineCount(runId, format)
    const source = this.inline.exportLines(runId, format)
    async function* chunks(): AsyncGenerator<string> {
      yield* source
    }
    return {
      lines,
      chunks: chunks(),
      close: async () => void source.return(undefined),
    }
  }
}
