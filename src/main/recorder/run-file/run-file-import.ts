import type * as z from 'zod'
import { LabError } from '../../../shared/errors'
import { createHash } from 'node:crypto'
import type { RecordingDb } from '../open-database'
import { LineTooLongError } from '../read/read-lines-sync'
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, TABLES, type TableName } from './run-file'
import { ROW_SCHEMAS, fileHeaderSchema, firstIssue } from './run-file-check'
import { eq } from 'drizzle-orm'
import { IMPORTING, runs } from '../schema'
import type { RunOwnerRow } from '../run-owner'
import type { SequencedEvent } from '../../../core/events'
import { EVENTS_PER_CHUNK, EventChunkEncoder, packChunk } from '../event-codec'
import { NodeChunkStore } from '../node-chunks/node-chunk-store'

export class InvalidRunFileError extends LabError {
  override readonly name = 'InvalidRunFileError'
  constructor(message: string) {
    super('invalid-run-file', message)
  }
}

/**
 * A file's event rows as a recording stores them (event_chunks, node_event_chunks), so an
 * imported run reads as fast as a recorded one. Each row's `data` is the event, the file's one
 * interchange format; its columns were checked against it in the checking pass.
 */
class ImportedEvents {
  private readonly encoder = new EventChunkEncoder()
  /** The chunk being filled's events, for the node rows. */
  private events: SequencedEvent[] = []
  private readonly nodeChunks: NodeChunkStore
  private readonly insert

  constructor(
    db: RecordingDb,
    private readonly runId: number,
  ) {
    this.nodeChunks = new NodeChunkStore(db)
    this.insert = db.$client.prepare(
      `INSERT INTO event_chunks (run_id, first_seq, last_seq, min_clock, max_clock, count, data)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
  }

  add(rows: readonly { data: string }[]): void {
    for (const row of rows) {
      const event = JSON.parse(row.data) as SequencedEvent
      this.encoder.add(event)
      this.events.push(event)
      if (this.encoder.count >= EVENTS_PER_CHUNK) this.flush()
    }
  }

  /** The last chunk, and the last window of node rows. */
  finish(): void {
    this.flush()
    this.nodeChunks.finish(this.runId)
  }

  private flush(): void {
    const chunk = this.encoder.finish()
    if (!chunk) return
    const { firstSeq, lastSeq, minClock, maxClock, count } = chunk
    this.insert.run(this.runId, firstSeq, lastSeq, minClock, maxClock, count, packChunk(chunk))
    this.nodeChunks.addEvents(this.runId, this.events, lastSeq)
    this.events = []
  }
}

/** Refuses an event row whose columns are not its event's, or that does not follow the last. */
function checkEvent(row: Record<string, unknown>, lastSeq: number, number: number): number {
  const event = JSON.parse(row['data'] as string) as Record<string, unknown>
  for (const key of ['seq', 'clock', 'node', 'kind'])
    if (event[key] !== row[key])
      throw new InvalidRunFileError(
        `the file's rows do not fit a run: line ${number}: the event's ${key} is not the row's`,
      )
  const seq = row['seq'] as number
  if (seq <= lastSeq)
    throw new InvalidRunFileError(
      `the file's rows do not fit a run: line ${number}: event ${seq} does not follow event ${lastSeq}`,
    )
  return seq
}

/** Rows go in by the batch, which costs far less than a statement each; checkpoints are big. */
const BATCH_ROWS = 200
const BATCH_BYTES = 4 * 1024 * 1024

function isTable(name: unknown): name is TableName {
  return typeof name === 'string' && Object.hasOwn(TABLES, name)
}

function parse(line: string, number: number): Record<string, unknown> {
  try {
    const value = JSON.parse(line) as unknown
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new Error('not an object')
    return value as Record<string, unknown>
  } catch {
    throw new InvalidRunFileError(`line ${number} is not JSON: the file is damaged`)
  }
}

/** Refuses the line unless `value` fits `schema`, naming the line, the field and the reason. */
function check(schema: z.ZodType, value: unknown, number: number): void {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new InvalidRunFileError(`line ${number}: ${firstIssue(parsed.error)}`)
}

/** What an import reports to the one driving it, between its steps. */
interface ImportProgress {
  /** The staging run, once made: removed again if the import fails. */
  runId: number | null
  /** Who imports: the staging run is stamped with it. */
  readonly owner: RunOwnerRow
}

/**
 * Walks a run file's lines, checking each as the whole import does (format, version, JSON, rows
 * of a run, checksum and counts at the end line), and, given a database, inserting the rows of
 * the run as it goes. Yields after every batch of rows, so whoever drives it can commit and let
 * other work through. Returns the new run's id (0 when only checking).
 */
function* importSteps(
  db: RecordingDb | null,
  lines: Iterable<string>,
  progress: ImportProgress,
): Generator<void, number> {
  const hash = createHash('sha256')
  const found: Record<TableName, number> = {
    blocks: 0,
    transactions: 0,
    commands: 0,
    events: 0,
    checkpoints: 0,
  }
  let header: typeof runs.$inferInsert | null = null
  let end: Record<string, unknown> | null = null
  let batch: { table: TableName; rows: object[]; bytes: number } | null = null
  let lastSeq = 0
  let imported: ImportedEvents | null = null
  const insert = (pending: NonNullable<typeof batch>) => {
    const runId = progress.runId
    if (!db || runId === null) return
    try {
      if (pending.table === 'events') {
        imported ??= new ImportedEvents(db, runId)
        imported.add(pending.rows as { data: string }[])
        return
      }
      db.insert(TABLES[pending.table])
        .values(pending.rows.map((row) => ({ ...row, runId })) as never)
        .run()
    } catch (error) {
      // The checksum held (the first pass saw to that): the rows themselves are wrong.
      throw new InvalidRunFileError(
        `the file's rows do not fit a run: ${error instanceof Error ? error.message : String(error)}`,
      )
    }
  }

  let number = 0
  for (const line of lines) {
    number++
    if (line.length === 0) continue
    if (end) throw new InvalidRunFileError(`the file is damaged: line ${number} follows its end`)
    const value = parse(line, number)
    if (!header) {
      if (value['format'] !== RUN_FILE_FORMAT)
        throw new InvalidRunFileError('this is not a Chain Lab run file')
      if (value['version'] !== RUN_FILE_VERSION)
        throw new InvalidRunFileError(
          `run file version ${String(value['version'])} is not supported`,
        )
      // The checking pass holds the header to the live API's own rules; the writing pass
      // meets only lines the checking pass accepted.
      if (!db) check(fileHeaderSchema, value, number)
      hash.update(`${line}\n`)
      // The id is the importing database's to give, whatever the file says.
      const { id: _id, ...run } = (value['run'] ?? {}) as typeof runs.$inferInsert
      header = run
      if (db)
        progress.runId = db
          .insert(runs)
          // Hidden from every list until its last row is in (see finishImport).
          .values({ ...run, status: IMPORTING, ...progress.owner })
          .returning({ id: runs.id })
          .get().id
      continue
    }
    if (value['t'] === 'end') {
      end = value
      continue
    }
    hash.update(`${line}\n`)
    const { t, ...row } = value
    if (!isTable(t))
      throw new InvalidRunFileError(`the file is damaged: line ${number} is no row of a run`)
    if (!db) check(ROW_SCHEMAS[t], row, number)
    if (!db && t === 'events') lastSeq = checkEvent(row, lastSeq, number)
    found[t]++
    if (batch && batch.table !== t) {
      insert(batch)
      batch = null
      yield
    }
    batch ??= { table: t, rows: [], bytes: 0 }
    batch.rows.push(row)
    batch.bytes += line.length
    if (batch.rows.length >= BATCH_ROWS || batch.bytes >= BATCH_BYTES) {
      insert(batch)
      batch = null
      yield
    }
  }
  if (batch) insert(batch)
  ;(imported as ImportedEvents | null)?.finish()

  if (!header) throw new InvalidRunFileError('the file is empty or truncated')
  if (!end) throw new InvalidRunFileError('the file is truncated: it has no end line')
  if (hash.digest('hex') !== end['sha256'])
    throw new InvalidRunFileError('the file is damaged: its checksum does not match')
  const counts = end['counts'] as Record<string, unknown> | undefined
  for (const name of Object.keys(found) as TableName[])
    if (counts?.[name] !== found[name])
      throw new InvalidRunFileError(
        `the file is damaged: it should hold ${String(counts?.[name])} ${name}, not ${found[name]}`,
      )
  const runId = progress.runId
  if (db && runId !== null)
    db.update(runs)
      // A run recorded elsewhere is owned by no process of this machine.
      .set({
        status: header.status === 'live' ? 'finished' : header.status,
        ownerPid: null,
        ownerLock: null,
      })
      .where(eq(runs.id, runId))
      .run()
  return runId ?? 0
}

/** Batches of rows a transaction of the import takes: about 5,000 rows, tens of milliseconds. */
const BATCHES_PER_COMMIT = 25

/**
 * Imports a run file as a new run: all of it or nothing, without holding the database for long.
 *
 * Two passes over the file. The first only checks it (every line, the header's config and every
 * row held to the live API's schemas, the checksum and the counts at its end), so a damaged or foreign file is refused before anything is written. The second
 * inserts the run a few thousand rows a transaction, hidden from every list until its last row
 * is in, pausing between transactions: the live recording's rows and the lab's own writes (a new
 * run, a rename) go in meanwhile instead of waiting out one transaction of the whole file (some
 * 20 s for a million events). Should the second pass fail, what it inserted is deleted again.
 *
 * `lines` opens the file afresh for each pass; `pause` lets other work run between steps.
 */
export async function importRunFile(
  db: RecordingDb,
  lines: () => Iterable<string>,
  pause: () => Promise<void>,
  /** The importing process, stamped on the hidden run so that its death is known (run-owner.ts). */
  owner: RunOwnerRow = { ownerPid: process.pid, ownerLock: null },
): Promise<number> {
  try {
    let steps = 0
    for (const _ of importSteps(null, lines(), { runId: null, owner }))
      if (++steps % BATCHES_PER_COMMIT === 0) await pause()
    const progress: ImportProgress = { runId: null, owner }
    const walk = importSteps(db, lines(), progress)
    try {
      for (;;) {
        const result = db.transaction(() => {
          for (let i = 0; i < BATCHES_PER_COMMIT; i++) {
            const step = walk.next()
            if (step.done) return step
          }
          return null
        })
        if (result) return result.value
        await pause()
      }
    } catch (error) {
      if (progress.runId !== null) db.delete(runs).where(eq(runs.id, progress.runId)).run()
      throw error
    }
  } catch (error) {
    if (error instanceof LineTooLongError)
      throw new InvalidRunFileError(`the file is damaged: ${error.message}`)
    throw error
  }
}

/** Lets the event loop run other work (a live run's batches) between an import's steps. */
export function pauseBriefly(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
