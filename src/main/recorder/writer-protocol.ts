import type { RowBatch } from './row-writer'
import { InvalidRunFileError } from './run-file-import'

/** What the recorder asks of its writer thread. */
export type WriterRequest =
  | { readonly seq: number; readonly batch: RowBatch }
  | { readonly importId: number; readonly importPath: string }
  | { readonly close: true }

/** What the writer thread answers. */
export type WriterReply =
  | { readonly seq: number; readonly error?: string }
  | { readonly importId: number; readonly runId: number }
  | { readonly importId: number; readonly refused: Refusal }
  | { readonly closed: true }

/** An import's refusal as it crosses threads: an Error's class does not survive the copy. */
export interface Refusal {
  readonly invalidFile: boolean
  readonly message: string
}

export function refusalOf(error: unknown): Refusal {
  // A file that cannot be read is refused as one that is not a run: the message says why.
  const unreadable = error instanceof Error && 'syscall' in error
  return {
    invalidFile: error instanceof InvalidRunFileError || unreadable,
    message: unreadable
      ? `the file cannot be read (${(error as NodeJS.ErrnoException).code ?? error.message})`
      : error instanceof Error
        ? error.message
        : String(error),
  }
}

/** The refusal as the error the import would have thrown in this thread. */
export function errorOf(refusal: Refusal): Error {
  return refusal.invalidFile
    ? new InvalidRunFileError(refusal.message)
    : new Error(`importing the run file failed: ${refusal.message}`)
}
