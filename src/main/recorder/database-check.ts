// The database file checked before the lab writes a byte to it: a damaged, unreadable or
// read-only file stops the lab with one line that names the file and what to do, and a damaged
// file is never opened for writing (WAL mode, migrations and the checkpoint at close all write).
import { accessSync, constants, existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { DatabaseCheck } from '../../shared/database-types'
import { LabError } from '../../shared/errors'
import { startWorker } from '../workers/start-worker'
import { WorkerClient } from '../workers/worker-protocol'

/** The check thread's one call (database-check-worker.ts; workers/worker-protocol.ts). */
export type DatabaseCheckCalls = {
  check: { input: 'quick' | 'full'; output: DatabaseCheck }
}

/** The check thread's code: its TypeScript source, unless a bundle names its own. */
export function sourceCheckWorkerUrl(): URL {
  return new URL('./database-check-worker.ts', import.meta.url)
}

/**
 * SQLite's full check of the file, in a thread started for it and ended after: the lab goes on
 * answering meanwhile.
 */
export async function checkInThread(
  file: string,
  options: { url?: URL | undefined; nativeBinding?: string | undefined } = {},
): Promise<DatabaseCheck> {
  const client: WorkerClient<DatabaseCheckCalls> = new WorkerClient(
    startWorker(options.url ?? sourceCheckWorkerUrl(), {
      file,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    }),
    (cause) => client.fail(new Error(`the database check thread ${cause.split('\n')[0]}`)),
  )
  try {
    return await client.call('check', 'full')
  } finally {
    await client.terminate()
  }
}

const INSTEAD = 'or start the lab with another database file (--db FILE)'

/** The lab cannot use its database file; the message is the one line a person reads. */
export class DatabaseFileError extends LabError {
  override readonly name = 'DatabaseFileError'
  constructor(message: string) {
    super('database-unusable', message)
  }
}

/**
 * Throws DatabaseFileError unless the file at `file` can be recorded into: absent (it will be
 * made), or readable, writable and passing SQLite's quick_check. The check reads every page once
 * (about a second for a GiB), through a read-only connection.
 */
export function checkDatabaseFile(file: string, options: { nativeBinding?: string } = {}): void {
  if (file === ':memory:' || !existsSync(file)) return
  try {
    accessSync(file, constants.R_OK)
  } catch (error) {
    throw unusable(file, error)
  }
  try {
    accessSync(file, constants.W_OK)
  } catch (error) {
    throw readOnly(file, error)
  }
  const check = checkIntegrity(file, 'quick', options)
  if (!check.ok) throw damaged(file, check.problems[0] ?? 'unknown damage')
}

/**
 * SQLite's own check of the whole file, read-only: `quick` (structure: every page, every
 * record's shape) or `full` (also that every index matches its table). A file SQLite cannot even
 * read as a database is one problem, named.
 */
export function checkIntegrity(
  file: string,
  kind: 'quick' | 'full',
  options: { nativeBinding?: string } = {},
): DatabaseCheck {
  let db: Database.Database | null = null
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    })
    return integrityOf(db, file, kind)
  } catch (error) {
    if (!isDamage(error)) throw unusable(file, error)
    return { file, kind, ok: false, problems: [(error as Error).message] }
  } finally {
    db?.close()
  }
}

/** SQLite's check run on an open connection (an in-memory file's own). */
export function integrityOf(
  db: Database.Database,
  file: string,
  kind: 'quick' | 'full',
): DatabaseCheck {
  const pragma = kind === 'quick' ? 'quick_check(20)' : 'integrity_check(20)'
  const rows = db.pragma(pragma, { simple: false }) as Record<string, string>[]
  // SQLite words a problem over several lines ("*** in database main ***\nTree 18 page 89…").
  const problems = rows
    .map((row) => String(Object.values(row)[0]).replace(/\s*\n\s*/g, ' '))
    .filter((p) => p !== 'ok')
  return { file, kind, ok: problems.length === 0, problems }
}

/**
 * The one-line error for a failure to open or write the database file, or the error itself when
 * it says nothing about the file (a bug).
 */
export function asDatabaseFileError(file: string, error: unknown): unknown {
  if (error instanceof DatabaseFileError) return error
  const code = (error as { code?: unknown }).code
  if (isDamage(error)) return damaged(file, (error as Error).message)
  if (code === 'SQLITE_READONLY' || code === 'EROFS') return readOnly(file, error)
  if (typeof code === 'string' && (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('E')))
    return unusable(file, error)
  return error
}

function isDamage(error: unknown): boolean {
  const code = (error as { code?: unknown }).code
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')
}

function reason(error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message
}

function damaged(file: string, problem: string): DatabaseFileError {
  return new DatabaseFileError(
    `${file} is damaged (${problem}); nothing was written to it. Move it aside (sqlite3's ` +
      `.recover may save its runs) and start again for a new file, ${INSTEAD}`,
  )
}

function readOnly(file: string, error: unknown): DatabaseFileError {
  return new DatabaseFileError(
    `${file} is read-only (${reason(error)}): the lab records every run into it. Make it and ` +
      `its folder writable, ${INSTEAD}`,
  )
}

function unusable(file: string, error: unknown): DatabaseFileError {
  return new DatabaseFileError(
    `cannot open ${file} (${reason(error)}): give this user read and write access to it and ` +
      `its folder, ${INSTEAD}`,
  )
}
