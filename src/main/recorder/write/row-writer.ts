import { eq, getTableColumns, getTableName, sql } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { RecordingDb } from '../open-database'
import { decodeLines, type TransactionValues } from './row-lines'
import {
  blocks,
  chartChunks,
  checkpoints,
  commands,
  eventChunks,
  runs,
  transactions,
} from '../schema'
import { chartChunkOf } from '../series/chart-chunk'
import { EVENTS_PER_CHUNK } from '../event-codec'
import { chunksOf, newRunTables, takeTables, type RunTables } from '../columns/column-chunk'
import { transferables, type ColumnBatch } from '../columns/event-columns'
import { LabError } from '../../../shared/errors'
import { packCheckpoint } from '../checkpoint-codec'
import { NodeChunkStore } from '../node-chunks/node-chunk-store'

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert']

const ROWS_PER_INSERT = 100
/** Past this many, the set of written transactions starts over (the table ignores repeats). */
const MAX_SEEN_TRANSACTIONS = 200_000

/** A checkpoint's row as a batch carries it: its state the UTF-8 bytes of its JSON. */
export type CheckpointRow = Omit<Row<typeof checkpoints>, 'state'> & { state: Uint8Array }

/** Everything a flush writes for one run, in one transaction. */
export interface RowBatch {
  readonly runId: number
  /** The commands as chunks of row-lines.ts text: their rows are cut out of it by the writer. */
  readonly lines: readonly string[]
  /** The events as columns: encoded by the thread that writes, into chunks and node rows. */
  readonly columns: ColumnBatch
  /** Transactions seen (accepted or refused) in these events, in order. */
  readonly transactions: readonly TransactionValues[]
  readonly blocks: readonly Row<typeof blocks>[]
  /**
   * Checkpoints as the UTF-8 bytes of their JSON: the writer thread compresses them
   * (checkpoint-codec.ts). Bytes, moved to the writer's thread, where text was copied by the
   * structured clone: a 1,000-node checkpoint is 830 KB.
   */
  readonly checkpoints: readonly CheckpointRow[]
  readonly counters: { clocks: number; commands: number; events: number; blocks: number }
  /** Set when the run ends with this batch: it is marked finished at this time. */
  readonly finishedAt?: string
}

/**
 * The buffers a batch moves to the writer's thread rather than copies: its event columns and its
 * checkpoints' bytes. Each is the batch's own (made for it).
 */
export function batchTransferables(batch: RowBatch): ArrayBuffer[] {
  const buffers = transferables(batch.columns)
  for (const checkpoint of batch.checkpoints) buffers.push(checkpoint.state.buffer as ArrayBuffer)
  return buffers
}

/** Writes row batches through statements prepared once; used by whichever thread writes. */
export class RowWriter {
  private readonly insert
  private readonly commandRows
  private readonly transactionRows
  /** The live run's transactions already written: most are seen by every node, once each. */
  private seen = { runId: -1, ids: new Set<string>() }
  /** The same events grouped by node, for pages of one node's events (node-chunks/). */
  private readonly nodeChunks: NodeChunkStore
  /** The live run's names and type-and-subject pairs, which its batches' columns number. */
  private tables: { runId: number; run: RunTables } = { runId: -1, run: newRunTables() }

  constructor(private readonly db: RecordingDb) {
    this.nodeChunks = new NodeChunkStore(db)
    const p = <N extends string>(name: N) => sql.placeholder(name)
    this.commandRows = new MultiRowInsert(db, commands, [
      'runId',
      'seq',
      'clock',
      'clockAfter',
      'origin',
      'command',
      'result',
      'eventsBefore',
    ])
    // A transaction is kept where it was first seen: later sightings are ignored.
    this.transactionRows = new MultiRowInsert(
      db,
      transactions,
      ['runId', 'id', 'sender', 'recipient', 'value', 'node', 'clock'],
      'INSERT OR IGNORE',
    )
    // Prepared once with placeholders: building SQL per row costs more than SQLite writing it.
    this.insert = {
      block: db
        .insert(blocks)
        .values({
          runId: p('runId'),
          ordinal: p('ordinal'),
          hash: p('hash'),
          height: p('height'),
          parent: p('parent'),
          miner: p('miner'),
          clock: p('clock'),
          data: p('data'),
        })
        .prepare(),
      eventChunk: db
        .insert(eventChunks)
        .values({
          runId: p('runId'),
          firstSeq: p('firstSeq'),
          lastSeq: p('lastSeq'),
          minClock: p('minClock'),
          maxClock: p('maxClock'),
          count: p('count'),
          data: p('data'),
        })
        .prepare(),
      chartChunk: db
        .insert(chartChunks)
        .values({
          runId: p('runId'),
          firstSeq: p('firstSeq'),
          lastSeq: p('lastSeq'),
          events: p('events'),
        })
        .prepare(),
      checkpoint: db
        .insert(checkpoints)
        .values({
          runId: p('runId'),
          commandSeq: p('commandSeq'),
          clock: p('clock'),
          state: p('state'),
        })
        .prepare(),
    }
  }

  private runTables(runId: number): RunTables {
    if (this.tables.runId !== runId) this.tables = { runId, run: newRunTables() }
    return this.tables.run
  }

  private firstSightings(runId: number, txs: readonly TransactionValues[]): unknown[][] {
    if (this.seen.runId !== runId || this.seen.ids.size > MAX_SEEN_TRANSACTIONS)
      this.seen = { runId, ids: new Set() }
    const rows: unknown[][] = []
    for (const tx of txs) {
      if (this.seen.ids.has(tx.id)) continue
      this.seen.ids.add(tx.id)
      rows.push([tx.id, tx.sender, tx.recipient, tx.value, tx.node, tx.clock])
    }
    return rows
  }

  /**
   * Writes the batch in one transaction. `stopRequested` is asked between chunks: once it says
   * yes, the batch is rolled back (WriteStopped), so the run stays at its last whole batch,
   * which is a consistent point (a batch ends between commands).
   */
  write(batch: RowBatch, stopRequested: () => boolean = () => false): void {
    try {
      this.writeBatch(batch, stopRequested)
    } catch (error) {
      // The batch's events are not written: neither may their node rows be, later.
      this.nodeChunks.reset()
      throw error
    }
  }

  private writeBatch(batch: RowBatch, stopRequested: () => boolean): void {
    const { runId } = batch
    this.db.transaction(() => {
      if (stopRequested()) throw new WriteStopped()
      for (const row of batch.blocks) this.insert.block.run(row)
      for (const chunk of batch.lines) {
        if (stopRequested()) throw new WriteStopped()
        this.commandRows.insert(runId, decodeLines(chunk).commands)
      }
      this.transactionRows.insert(runId, this.firstSightings(runId, batch.transactions))
      const tables = this.runTables(runId)
      takeTables(tables, batch.columns)
      for (const chunk of chunksOf(batch.columns, tables, EVENTS_PER_CHUNK)) {
        if (stopRequested()) throw new WriteStopped()
        this.insert.eventChunk.run({ runId, ...chunk })
      }
      this.nodeChunks.addColumns(runId, batch.columns, tables)
      const chart = chartChunkOf(batch.columns, tables)
      if (chart) this.insert.chartChunk.run({ runId, ...chart })
      for (const row of batch.checkpoints)
        this.insert.checkpoint.run({ ...row, state: packCheckpoint(row.state) })
      this.db.update(runs).set(batch.counters).where(eq(runs.id, batch.runId)).run()
      if (batch.finishedAt) this.nodeChunks.finish(runId)
      if (batch.finishedAt)
        this.db
          .update(runs)
          .set({ status: 'finished', endedAt: batch.finishedAt })
          .where(eq(runs.id, batch.runId))
          .run()
    })
  }
}

/** A batch rolled back because the writer was told to stop (the lab is closing). */
export class WriteStopped extends LabError {
  override readonly name = 'WriteStopped'
  constructor() {
    super('cancelled', 'the writer was stopped: the batch was rolled back')
  }
}

/**
 * Inserts rows of one table a hundred at a time through one raw prepared statement. Commands
 * (a clock each, in a lab stepped clock by clock) and transactions are many rows, and this runs
 * at about twice the speed of Drizzle's per-row prepared insert (npm run bench -- recorder).
 */
class MultiRowInsert {
  private readonly many
  private readonly one

  /** `keys` in the order the values come: run_id first, then a row's values (row-lines.ts). */
  constructor(
    db: RecordingDb,
    table: SQLiteTable,
    keys: readonly string[],
    verb: 'INSERT' | 'INSERT OR IGNORE' = 'INSERT',
  ) {
    const columns = getTableColumns(table) as Record<string, { name: string }>
    const names = keys.map((key) => {
      const column = columns[key]
      if (!column) throw new Error(`${getTableName(table)} has no column ${key}`)
      return column.name
    })
    const tuple = `(${names.map(() => '?').join(', ')})`
    const sql = (rows: number) =>
      `${verb} INTO ${getTableName(table)} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`
    this.many = db.$client.prepare(sql(ROWS_PER_INSERT))
    this.one = db.$client.prepare(sql(1))
  }

  /** Rows of values after run_id, which every row shares. */
  insert(runId: number, rows: readonly (readonly unknown[])[]): void {
    let i = 0
    for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
      const values: unknown[] = []
      for (let j = i; j < i + ROWS_PER_INSERT; j++) {
        values.push(runId)
        for (const value of rows[j] as unknown[]) values.push(value)
      }
      this.many.run(values)
    }
    for (; i < rows.length; i++) this.one.run([runId, ...(rows[i] as unknown[])])
  }
}
