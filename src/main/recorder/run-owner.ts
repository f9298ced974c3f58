// Who owns a live run. A pid cannot say: a process killed with SIGKILL stays a zombie (and so
// "alive" to `kill -0`) until its parent reaps it, and a pid is handed to another process later.
// So a recording process holds a lock the OS itself lets go of when the process dies: an
// exclusive transaction on a small SQLite file of its own beside the database (SQLite locks with
// fcntl, and the kernel drops a process's fcntl locks as it closes its files on exit, before it
// is ever a zombie). That needs no native module beyond the better-sqlite3 the lab has; Node
// itself has no fcntl, and the maintained fcntl packages are native builds of their own.
import { randomUUID } from 'node:crypto'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** What a run row says of its owner: its lock (0004) and, for older rows, its pid (0002). */
export interface RunOwnerRow {
  readonly ownerLock: string | null
  readonly ownerPid: number | null
}

/** The folder of a database's owner locks: `<file>-owners`, beside its -wal and -shm. */
export function ownerLockFolder(file: string): string {
  return `${file}-owners`
}

/**
 * This process's claim on the runs it records in one database file: a lock held until release()
 * or the process's death, and the test of any run's owner. An in-memory file has no lock: no
 * other process can see it.
 *
 * Trap: POSIX drops every fcntl lock a process holds on a file when it closes any descriptor of
 * that file. SQLite works around it for its own connections, so lock files are only ever opened
 * through SQLite, never read with node:fs.
 */
export class RunOwnership {
  private constructor(
    private readonly folder: string | null,
    /** The token stored in the runs this process records (null: in memory). */
    readonly token: string | null,
    private lock: Database.Database | null,
    private readonly binding: { nativeBinding?: string | undefined },
  ) {}

  static claim(file: string, options: { nativeBinding?: string | undefined } = {}): RunOwnership {
    if (file === ':memory:') return new RunOwnership(null, null, null, options)
    const folder = ownerLockFolder(file)
    mkdirSync(folder, { recursive: true })
    const token = randomUUID()
    const lock = new Database(join(folder, `${token}.lock`), sqliteOptions(options))
    // Rollback-journal mode (the default): BEGIN EXCLUSIVE takes the file's exclusive lock at
    // once and keeps it for as long as the transaction stays open, which is for good.
    lock.exec('BEGIN EXCLUSIVE')
    return new RunOwnership(folder, token, lock, options)
  }

  /** Is the process that owns this run alive? (Its lock still held; for rows before 0004, its pid.) */
  isAlive(owner: RunOwnerRow): boolean {
    if (owner.ownerLock !== null) return this.isLockHeld(owner.ownerLock)
    return owner.ownerPid !== null && processIsAlive(owner.ownerPid)
  }

  /** Is this run this process's own? */
  owns(owner: RunOwnerRow): boolean {
    return this.token !== null && owner.ownerLock === this.token
  }

  /** Removes a dead owner's lock file (once its runs are marked). */
  forget(token: string): void {
    if (this.folder && token !== this.token && isToken(token) && !this.isLockHeld(token))
      rmSync(join(this.folder, `${token}.lock`), { force: true })
  }

  /** Lets go of the lock and removes its file: this process records nothing more. */
  release(): void {
    if (!this.lock || !this.folder) return
    this.lock.close()
    this.lock = null
    rmSync(join(this.folder, `${this.token}.lock`), { force: true })
  }

  private isLockHeld(token: string): boolean {
    if (token === this.token) return this.lock !== null
    // A token that is no file name of ours was never written by a lab: no owner holds it.
    if (!this.folder || !isToken(token)) return false
    let probe: Database.Database
    try {
      probe = new Database(join(this.folder, `${token}.lock`), {
        ...sqliteOptions(this.binding),
        fileMustExist: true,
        timeout: 0,
      })
    } catch {
      return false // no lock file: its owner released it, or never made it
    }
    try {
      probe.exec('BEGIN IMMEDIATE')
      probe.exec('ROLLBACK')
      return false
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_BUSY') return true
      throw error
    } finally {
      probe.close()
    }
  }
}

function sqliteOptions(options: { nativeBinding?: string | undefined }): Database.Options {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
}

function isToken(token: string): boolean {
  return /^[0-9a-f-]{36}$/.test(token)
}

/** Is a process of this machine alive? (Signal 0 checks without signalling.) Rows before 0004. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
