import { createHash } from 'node:crypto'
import type { RecordingDb } from './open-database'
import { LineTooLongError } from './read-lines-sync'
import { RUN_FILE_FORMAT, RUN_FILE_VERSION, TABLES, type TableName } from './run-file'
import { runs } from './schema'

export class InvalidRunFileError extends Error {
  override readonly name = 'InvalidRunFileError'
  readonly code = 'invalid-run-file'
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

/**
 * Imports a run file, given as its lines, as a new run in one transaction: all of it or
 * nothing. Returns the new run's id.
 *
 * The lines are checked while they are inserted, in one pass, so a file of any size needs the
 * memory of one batch. The checksum and the counts are only known at the end line: a file
 * damaged anywhere is refused there, by rolling back everything inserted so far.
 *
 * The lines must come synchronously (readLinesSync), the whole import running in one tick:
 * better-sqlite3 transactions cannot await. A BEGIN left open across awaits instead would take
 * in every other write this connection made meanwhile (a rename, a new run), to be committed or
 * rolled back with the import, and would hold SQLite's single write lock while the recording
 * thread waited on it for as long as the awaits took.
 */
export function importRunLines(db: RecordingDb, lines: Iterable<string>): number {
  try {
    return db.transaction((tx) => {
      const hash = createHash('sha256')
      const found: Record<TableName, number> = {
        blocks: 0,
        transactions: 0,
        commands: 0,
        events: 0,
        checkpoints: 0,
      }
      let header = false
      let runId: number | null = null
      let end: Record<string, unknown> | null = null
      // The first insert SQLite refused. Reading goes on: damage found by the checksum explains
      // a refused row better than the row does.
      const refused: { message: string | null } = { message: null }
      const attempt = <T>(run: () => T): T | null => {
        if (refused.message !== null) return null
        try {
          return run()
        } catch (error) {
          refused.message = error instanceof Error ? error.message : String(error)
          return null
        }
      }
      let batch: { table: TableName; rows: object[]; bytes: number } | null = null
      const flush = (pending: typeof batch) => {
        if (!pending || runId === null) return
        const id = runId
        attempt(() =>
          tx
            .insert(TABLES[pending.table])
            .values(pending.rows.map((row) => ({ ...row, runId: id })) as never)
            .run(),
        )
      }

      let number = 0
      for (const line of lines) {
        number++
        if (line.length === 0) continue
        if (end)
          throw new InvalidRunFileError(`the file is damaged: line ${number} follows its end`)
        const value = parse(line, number)
        if (!header) {
          if (value['format'] !== RUN_FILE_FORMAT)
            throw new InvalidRunFileError('this is not a Chain Lab run file')
          if (value['version'] !== RUN_FILE_VERSION)
            throw new InvalidRunFileError(
              `run file version ${String(value['version'])} is not supported`,
            )
          header = true
          hash.update(`${line}\n`)
          // The id is the importing database's to give, whatever the file says.
          const { id: _id, ...run } = (value['run'] ?? {}) as typeof runs.$inferInsert
          runId = attempt(
            () =>
              tx
                .insert(runs)
                // A run recorded elsewhere is owned by no process of this machine.
                .values({
                  ...run,
                  status: run.status === 'live' ? 'finished' : run.status,
                  ownerPid: null,
                })
                .returning({ id: runs.id })
                .get().id,
          )
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
        found[t]++
        if (batch && batch.table !== t) {
          flush(batch)
          batch = null
        }
        batch ??= { table: t, rows: [], bytes: 0 }
        batch.rows.push(row)
        batch.bytes += line.length
        if (batch.rows.length >= BATCH_ROWS || batch.bytes >= BATCH_BYTES) {
          flush(batch)
          batch = null
        }
      }
      flush(batch)

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
      if (refused.message !== null || runId === null)
        throw new InvalidRunFileError(`the file's rows do not fit a run: ${refused.message}`)
      return runId
    })
  } catch (error) {
    if (error instanceof LineTooLongError)
      throw new InvalidRunFileError(`the file is damaged: ${error.message}`)
    throw error
  }
}
