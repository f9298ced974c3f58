import type { ExportFormat } from '../../../shared/export-formats'
import type { VerifyResult } from '../../../shared/run-types'

/** What a job thread is started with: the recording's file, read-only, and its SQLite build. */
export interface JobThreadData {
  readonly file: string
  readonly nativeBinding?: string
}

/** What the main thread asks of a job thread (see workers/worker-protocol.ts). */
export type JobCalls = {
  /** Re-executes a run and compares it event by event; progress comes as notices. */
  verify: { input: { runId: number }; output: VerifyResult }
  /** Begins an export in one read transaction: the lines it will hold. */
  exportOpen: { input: { runId: number; format: ExportFormat }; output: { lines: number } }
  /** The export's next chunk of whole lines (about 64 KiB); null at its end. */
  exportNext: { input: null; output: string | null }
}

/** A verify's progress: commands re-executed of the run's total. */
export interface JobNotice {
  readonly done: number
  readonly total: number
}
