import type { RunTables } from '../columns/column-chunk'
import type { ColumnBatch } from '../columns/event-columns'
import type { RecordingDb } from '../open-database'
import type { SequencedEvent } from '../../../core/events'
import {
  GROUPING,
  NodeChunkGrouper,
  type GroupingSizes,
  type NodeWindow,
} from './node-chunk-grouper'

/**
 * Writes a run's events grouped by node (node_event_chunks, node_event_marks) beside its event
 * chunks, in the caller's transaction. One run at a time: a chunk of another run starts over
 * (the previous run's open window is dropped; its last events stay readable from event_chunks).
 *
 * The recording's writer calls `addColumns` for each batch of events it writes and `finish` with the batch
 * that ends the run; an import does the same. If a batch is rolled back, `reset` drops what was
 * gathered, so no row is written for events that were not.
 */
export class NodeChunkStore {
  private prepared: ReturnType<typeof prepare> | null = null
  private open: { runId: number; grouper: NodeChunkGrouper } | null = null
  /** A run whose grouping stopped (see reset). */
  private stopped = -1

  constructor(
    private readonly db: RecordingDb,
    private readonly sizes: GroupingSizes = GROUPING,
  ) {}

  private get q(): ReturnType<typeof prepare> {
    return (this.prepared ??= prepare(this.db))
  }

  /** A recording's batch of events, as columns; `run` its run's tables, up to date with it. */
  addColumns(runId: number, batch: ColumnBatch, run: RunTables): void {
    if (runId === this.stopped) return
    const window = this.grouper(runId).addColumns(batch, run)
    if (window) this.write(runId, window)
  }

  /** Consecutive events already decoded (an import's), every one up to `throughSeq` given. */
  addEvents(runId: number, events: readonly SequencedEvent[], throughSeq: number): void {
    if (runId === this.stopped) return
    const window = this.grouper(runId).addEvents(events, throughSeq)
    if (window) this.write(runId, window)
  }

  /** The run's last window, written: its node rows now reach its last event. */
  finish(runId: number): void {
    if (this.open?.runId !== runId) return
    const window = this.open.grouper.finish()
    this.open = null
    if (window) this.write(runId, window)
  }

  /**
   * Drops the open window (its batch was rolled back) and groups no more of that run: the
   * window held events of batches written before, so a later window's mark would claim them.
   * The run's mark stays where it was; its events after it are read from its chunks.
   */
  reset(): void {
    if (this.open) this.stopped = this.open.runId
    this.open = null
  }

  private grouper(runId: number): NodeChunkGrouper {
    if (this.open?.runId !== runId) this.open = { runId, grouper: new NodeChunkGrouper(this.sizes) }
    return this.open.grouper
  }

  private write(runId: number, window: NodeWindow): void {
    for (const row of window.rows)
      this.q.row.run(
        runId,
        row.node,
        row.lastSeq,
        row.firstSeq,
        row.minClock,
        row.maxClock,
        row.count,
        row.data,
      )
    this.q.mark.run(runId, window.throughSeq)
  }
}

function prepare(db: RecordingDb) {
  const client = db.$client
  return {
    row: client.prepare(
      `INSERT INTO node_event_chunks
         (run_id, node, last_seq, first_seq, min_clock, max_clock, count, data)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    mark: client.prepare(
      `INSERT INTO node_event_marks (run_id, through_seq) VALUES (?, ?)
       ON CONFLICT (run_id) DO UPDATE SET through_seq = excluded.through_seq`,
    ),
  }
}
