import { createHash } from 'node:crypto'
import { and, asc, count, eq, gt } from 'drizzle-orm'
import type { RecordingDb } from '../open-database'
import { blocks, checkpoints, commands, events, runs, transactions } from '../schema'
import { EventChunkReader } from '../read/event-chunk-reader'
import { checkpointText } from '../checkpoint-codec'

/**
 * The `.chain-lab-run` file: one self-contained run that imports into an identical run on
 * another machine. JSON lines: a header, the rows of every table, and an end line with the row
 * counts and a SHA-256 of everything before it, so a damaged or foreign file is refused whole.
 */
export const RUN_FILE_FORMAT = 'chain-lab-run'
export const RUN_FILE_VERSION = 1

/** The tables a run file holds after its header, in file order. */
export const TABLES = { blocks, transactions, commands, events, checkpoints } as const
export type TableName = keyof typeof TABLES

/** The run's rows as file lines, a page at a time, so a big run streams in little memory. */
export function* runFileLines(db: RecordingDb, runId: number): Generator<string> {
  const run = db.select().from(runs).where(eq(runs.id, runId)).get()
  if (!run) return
  const hash = createHash('sha256')
  const counts: Record<string, number> = {}
  const emit = (value: unknown): string => {
    const line = `${JSON.stringify(value)}\n`
    hash.update(line)
    return line
  }
  // The owner's lock names a file of this machine: a run file carries no owner.
  const { id: _id, ownerLock: _lock, ...header } = run
  yield emit({ format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, run: header })
  const chunks = new EventChunkReader(db)
  const chunked = chunks.has(runId)
  for (const name of Object.keys(TABLES) as TableName[]) {
    counts[name] = 0
    const rows =
      name === 'events' && chunked ? chunkedEventRows(chunks, runId) : pagedRows(db, name, runId)
    for (const row of rows) {
      const { runId: _run, ...rest } = row as { runId: number }
      counts[name]++
      // A file holds a checkpoint's JSON as text, however the database stores it.
      if (name === 'checkpoints') {
        const { state, ...place } = rest as { state: string | Uint8Array }
        yield emit({ t: name, ...place, state: checkpointText(state) })
      } else yield emit({ t: name, ...rest })
    }
  }
  yield `${JSON.stringify({ t: 'end', counts, sha256: hash.digest('hex') })}\n`
}

/** How many lines runFileLines yields for the run as it is now: a header, its rows, an end. */
export function runFileLineCount(db: RecordingDb, runId: number): number {
  let rows = 0
  for (const table of Object.values(TABLES))
    rows += db.select({ n: count() }).from(table).where(eq(table.runId, runId)).get()?.n ?? 0
  return rows + new EventChunkReader(db).count(runId) + 2
}

/**
 * A chunked run's events as the rows of a run recorded a row an event: the file format is the
 * interchange format, and stays what any version reads.
 */
function* chunkedEventRows(chunks: EventChunkReader, runId: number): Generator<object> {
  for (const page of chunks.all(runId))
    for (const event of page)
      yield {
        runId,
        seq: event.seq,
        clock: event.clock,
        node: event.node,
        kind: event.kind,
        data: JSON.stringify(event),
      }
}

function* pagedRows(db: RecordingDb, name: TableName, runId: number): Generator<object> {
  const table = TABLES[name]
  // Each table's key after run_id orders and pages it.
  const key =
    name === 'blocks'
      ? blocks.ordinal
      : name === 'transactions'
        ? transactions.id
        : name === 'commands'
          ? commands.seq
          : name === 'events'
            ? events.seq
            : checkpoints.commandSeq
  let after: number | string | null = null
  for (;;) {
    const where =
      after === null ? eq(table.runId, runId) : and(eq(table.runId, runId), gt(key, after))
    const page = db.select().from(table).where(where).orderBy(asc(key)).limit(2_000).all()
    for (const row of page) yield row
    if (page.length < 2_000) return
    const last = page[page.length - 1] as Record<string, number | string>
    after = last[keyName(name)] as number | string
  }
}

function keyName(name: TableName): string {
  return {
    blocks: 'ordinal',
    transactions: 'id',
    commands: 'seq',
    events: 'seq',
    checkpoints: 'commandSeq',
  }[name]
}
