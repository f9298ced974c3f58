import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3'
import { migrate } from 'drizzle-orm/better-sqlite3/migrator'
import * as schema from './schema'

export type RecordingDb = BetterSQLite3Database<typeof schema> & { $client: Database.Database }

export interface OpenOptions {
  /** The folder of drizzle-kit's migrations. */
  readonly migrationsFolder: string
  /** A native binding to load instead of the default (Electron's build). */
  readonly nativeBinding?: string | undefined
  readonly readonly?: boolean
  /** False for a second writer (the writer thread): the first connection migrated the file. */
  readonly migrate?: boolean
  /** How long a write waits for another connection's transaction before failing. */
  readonly busyTimeoutMs?: number
}

/**
 * Opens (creating if needed) a recording database in WAL mode and brings its schema up to date.
 * A reader opens the same file read-only after the writer has migrated it.
 */
export function openDatabase(file: string, options: OpenOptions): RecordingDb {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true })
  const client = new Database(file, {
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.readonly ? { readonly: true, fileMustExist: true } : {}),
  })
  if (!options.readonly) {
    // A new file's pages are 16 KB (an existing file keeps its own): a run is written as blobs
    // of 3-30 KB, which 4 KB pages split into overflow chains, each page a write of its own to
    // the WAL and again to the file. A 1,000-node run's rows take less than half the CPU to
    // write; 64 KB pages save little more, and a clock's small commit would write four times the
    // WAL (npm run bench -- page-size). The price: an empty file is 442 KB (119 KB at 4 KB, a
    // page or more for each of its tables and indexes), and the WAL grows to 16 MB between
    // checkpoints (SQLite's default of every 1,000 pages) where it grew to 4.
    client.pragma('page_size = 16384')
    client.pragma('journal_mode = WAL')
    // NORMAL in WAL mode never corrupts the file on a crash; it may lose the last commits on a
    // power loss, which the recorder's ~100 ms flush window accepts anyway.
    client.pragma('synchronous = NORMAL')
  }
  client.pragma('foreign_keys = ON')
  client.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5_000}`)
  const db = drizzle({ client, schema })
  if (!options.readonly && options.migrate !== false)
    migrate(db, { migrationsFolder: options.migrationsFolder })
  return db
}
