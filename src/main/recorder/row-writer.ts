import { eq, sql } from 'drizzle-orm'
import type { SequencedEvent } from '../../core/events'
import type { RecordingDb } from './open-database'
import { blocks, checkpoints, commands, events, runs, transactions } from './schema'

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert']

const EVENTS_PER_INSERT = 100

/** Everything a flush writes for one run, in one transaction. */
export interface RowBatch {
  readonly runId: number
  readonly commands: readonly Row<typeof commands>[]
  /** The engine events, as one JSON array: their rows (and the transactions') are made here. */
  readonly events: string
  readonly blocks: readonly Row<typeof blocks>[]
  readonly checkpoints: readonly Row<typeof checkpoints>[]
  readonly counters: { clocks: number; commands: number; events: number; blocks: number }
  /** Set when the run ends with this batch: it is marked finished at this time. */
  readonly finishedAt?: string
}

/** Writes row batches through statements prepared once; used by whichever thread writes. */
export class RowWriter {
  private readonly insert
  private readonly eventsBatch

  constructor(private readonly db: RecordingDb) {
    const p = <N extends string>(name: N) => sql.placeholder(name)
    this.eventsBatch = db.$client.prepare(
      `INSERT INTO events (run_id, seq, clock, node, kind, data) VALUES ${Array.from(
        { length: EVENTS_PER_INSERT },
        () => '(?, ?, ?, ?, ?, ?)',
      ).join(', ')}`,
    )
    // Prepared once with placeholders: building SQL per row costs more than SQLite writing it.
    this.insert = {
      command: db
        .insert(commands)
        .values({
          runId: p('runId'),
          seq: p('seq'),
          clock: p('clock'),
          clockAfter: p('clockAfter'),
          origin: p('origin'),
          command: p('command'),
          result: p('result'),
          eventsBefore: p('eventsBefore'),
        })
        .prepare(),
      event: db
        .insert(events)
        .values({
          runId: p('runId'),
          seq: p('seq'),
          clock: p('clock'),
          node: p('node'),
          kind: p('kind'),
          data: p('data'),
        })
        .prepare(),
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
      transaction: db
        .insert(transactions)
        .values({
          runId: p('runId'),
          id: p('id'),
          sender: p('sender'),
          recipient: p('recipient'),
          value: p('value'),
          node: p('node'),
          clock: p('clock'),
        })
        .onConflictDoNothing()
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

  write(batch: RowBatch): void {
    const { runId } = batch
    const rows: Row<typeof events>[] = []
    const txs: Row<typeof transactions>[] = []
    for (const event of JSON.parse(batch.events) as SequencedEvent[]) {
      rows.push({
        runId,
        seq: event.seq,
        clock: event.clock,
        node: event.node,
        kind: event.kind,
        data: JSON.stringify(event),
      })
      if (event.kind === 'tx.accepted' || event.kind === 'tx.refused') {
        const { tx } = event
        txs.push({
          runId,
          id: tx.id,
          sender: tx.sender,
          recipient: tx.recipient,
          value: tx.value,
          node: event.node,
          clock: event.clock,
        })
      }
    }
    this.db.transaction(() => {
      for (const row of batch.blocks) this.insert.block.run(row)
      for (const row of txs) this.insert.transaction.run(row)
      for (const row of batch.commands) this.insert.command.run(row)
      this.insertEvents(rows)
      for (const row of batch.checkpoints) this.insert.checkpoint.run(row)
      this.db.update(runs).set(batch.counters).where(eq(runs.id, batch.runId)).run()
      if (batch.finishedAt)
        this.db
          .update(runs)
          .set({ status: 'finished', endedAt: batch.finishedAt })
          .where(eq(runs.id, batch.runId))
          .run()
    })
  }

  /**
   * Events are nearly all the rows, so they go in 100 at a time through one raw prepared
   * statement: about twice the speed of Drizzle's per-row prepared insert on this hot path
   * (npm run bench -- recorder). The other tables keep Drizzle's typed inserts.
   */
  private insertEvents(rows: readonly Row<typeof events>[]): void {
    let i = 0
    for (; i + EVENTS_PER_INSERT <= rows.length; i += EVENTS_PER_INSERT) {
      const values: unknown[] = []
      for (let j = i; j < i + EVENTS_PER_INSERT; j++) {
        const r = rows[j] as Row<typeof events>
        values.push(r.runId, r.seq, r.clock, r.node, r.kind, r.data)
      }
      this.eventsBatch.run(values)
    }
    for (; i < rows.length; i++) this.insert.event.run(rows[i] as Row<typeof events>)
  }
}
