import type { Worker } from 'node:worker_threads'
import type { RecordingDb } from '../open-database'
import { readLinesSync } from '../read/read-lines-sync'
import type { RunOwnerRow } from '../run-owner'
import { importRunFile, pauseBriefly } from '../run-file/run-file-import'
import { RowWriter, type RowBatch } from './row-writer'

/** Where flushed rows go: written in this thread, or by a writer thread (thread-sink.ts). */
export interface RowSink {
  write(batch: RowBatch): void
  /** Resolves once at most `backlog` batches handed over are not yet written (0: all written). */
  settle(backlog?: number): Promise<void>
  /** How many batches are handed over and not yet written. */
  backlog(): number
  /**
   * Imports a run file as a new run, by the thread that writes (an import is one long
   * transaction); resolves with its id, or rejects as importRunFile refuses.
   */
  importRun(path: string): Promise<number>
  /**
   * Writes what was handed over and lets go of the file; answers whether all of it was written.
   * Past `deadline` (a Date.now() time) what is left is dropped, the batch under way rolled back.
   */
  close(deadline?: number): Promise<boolean>
  /** The writer thread, if any: the fault tests end it as a crash would. */
  readonly thread?: Worker
}

/**
 * Makes a sink; `onFailure` hears a failure the sink finds on its own (a batch the thread could
 * not write, the thread's death), once.
 */
export type SinkFactory = (onFailure: (error: Error) => void) => RowSink

/** Writes each batch at once, in this thread. */
export function inlineSink(db: RecordingDb, owner?: RunOwnerRow): RowSink {
  const writer = new RowWriter(db)
  return {
    write: (batch) => writer.write(batch),
    settle: async () => {},
    backlog: () => 0,
    importRun: (path) => importRunFile(db, () => readLinesSync(path), pauseBriefly, owner),
    close: async () => true,
  }
}
