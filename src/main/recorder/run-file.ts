import { createHash } from 'node:crypto'
import { and, asc, eq, gt } from 'drizzle-orm'
import type { RecordingDb } from './open-database'
import { blocks, checkpoints, commands, events, runs, transactions } from './schema'

/**
 * The `.chain-lab-run` file: one self-contained run that imports into an identical run on
 * another machine. JSON lines: a header, the rows of every table, and an end line with the row
 * counts and a SHA-256 of everything before it, so a damaged or foreign file is refused whole.
 */
export const RUN_FILE_FORMAT = 'chain-lab-run'
export const RUN_FILE_VERSION = 1

const TABLES = { blocks, transactions, commands, events, checkpoints } as const
type TableName = keyof typeof TABLES

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
  const { id: _id, ...header } = run
  yield emit({ format: RUN_FILE_FORMAT, version: RUN_FILE_VERSION, run: header })
  for (const name of Object.keys(TABLES) as TableName[]) {
    counts[name] = 0
    for (const row of pagedRows(db, name, runId)) {
      const { runId: _run, ...rest } = row as { runId: number }
      counts[name]++
      yield emit({ t: name, ...rest })
    }
  }
  yield `${JSON.stringify({ t: 'end', counts, sha256: hash.digest('hex') })}\n`
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

export class InvalidRunFileError extends Error {
  override readonly name = 'InvalidRunFileError'
  readonly code = 'invalid-run-file'
}

/** Imports a run file as a new run, in one transaction: all of it or nothing. Returns its id. */
export function importRunFile(db: RecordingDb, text: string): number {
  const lines = text.split('\n').filter((line) => line.length > 0)
  const parse = (line: string, index: number): Record<string, unknown> => {
    try {
      const value = JSON.parse(line) as unknown
      if (typeof value !== 'object' || value === null) throw new Error('not an object')
      return value as Record<string, unknown>
    } catch {
      throw new InvalidRunFileError(`line ${index + 1} is not JSON: the file is damaged`)
    }
  }
  if (lines.length < 2) throw new InvalidRunFileError('the file is empty or truncated')
  const header = parse(lines[0] as string, 0)
  if (header['format'] !== RUN_FILE_FORMAT)
    throw new InvalidRunFileError('this is not a Chain Lab run file')
  if (header['version'] !== RUN_FILE_VERSION)
    throw new InvalidRunFileError(`run file version ${String(header['version'])} is not supported`)
  const end = parse(lines[lines.length - 1] as string, lines.length - 1)
  if (end['t'] !== 'end') throw new InvalidRunFileError('the file is truncated: it has no end line')
  const hash = createHash('sha256')
  for (const line of lines.slice(0, -1)) hash.update(`${line}\n`)
  if (hash.digest('hex') !== end['sha256'])
    throw new InvalidRunFileError('the file is damaged: its checksum does not match')
  const rows = lines.slice(1, -1).map(parse)
  const counts = end['counts'] as Record<string, number> | undefined
  for (const name of Object.keys(TABLES) as TableName[]) {
    const found = rows.filter((r) => r['t'] === name).length
    if (!counts || counts[name] !== found)
      throw new InvalidRunFileError(`the file is damaged: it should hold ${counts?.[name]} ${name}`)
  }
  const run = header['run'] as typeof runs.$inferInsert
  try {
    return db.transaction((tx) => {
      const { id } = tx
        .insert(runs)
        .values({ ...run, status: run.status === 'live' ? 'finished' : run.status })
        .returning({ id: runs.id })
        .get()
      for (const row of rows) {
        const { t, ...values } = row as { t: TableName }
        tx.insert(TABLES[t])
          .values({ ...values, runId: id } as never)
          .run()
      }
      return id
    })
  } catch (error) {
    throw new InvalidRunFileError(
      `the file's rows do not fit a run: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
