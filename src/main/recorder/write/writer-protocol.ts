import type { RowBatch } from './row-writer'
import { InvalidRunFileError } from '../run-file/run-file-import'

/** What the recorder asks of its writer thread (see workers/worker-protocol.ts). */
export type WriterCalls = {
  /** Writes one batch of rows in one transaction. */
  write: { input: RowBatch; output: null }
  /** Imports a run file, in steps between which the recording's batches are written: its run id. */
  import: { input: string; output: number }
  /** Closes the connection before the thread goes, so the WAL is checkpointed cleanly. */
  close: { input: null; output: null }
}

/**
 * A file the writer cannot read is refused as one that is not a run, the message saying why;
 * other errors go as they are.
 */
export function asImportRefusal(error: unknown): unknown {
  if (!(error instanceof Error && 'syscall' in error)) return error
  const code = (error as NodeJS.ErrnoException).code ?? error.message
  return new InvalidRunFileError(`the file cannot be read (${code})`)
}
