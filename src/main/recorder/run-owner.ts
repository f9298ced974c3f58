// Who owns a live run. A pid cannot say: a process killed with SIGKILL stays a zombie (and so
// "alive" to `kill -0`) until its parent reaps it, and a pid is handed to another process later.
// So a recording process holds a lock the OS itself lets go of when the process dies: an
// exclusive transaction on a small SQLite file of its own beside the database (SQLite locks with
// fcntl, and the kernel drops a process's fcntl locks as it closes its files on exit, before it
// is ever a zombie). That needs no native module beyond the better-sqlite3 the lab has; Node
// itself has no fcntl, and the maintained fcntl packages are native builds of their own.
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/**
 * How long a test of an owner waits for a dying process to let go of its lock. A process killed
 * with SIGKILL shows as a zombie once its first thread is gone, while its other threads may
 * still be closing its files: 100–160 ms measured here under a load of 18 on 2 cores.
 */
const DYING_GRACE_MS = 2_000
/** The same wait where the process table cannot say whether the owner is dying (no /proc). */
const UNKNOWN_GRACE_MS = 250

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
    // Not WAL: BEGIN EXCLUSIVE then takes the file's exclusive lock at once and keeps it for as
    // long as the transaction stays open, which is for good. The journal in memory leaves no
    // second file beside the lock.
    lock.pragma('journal_mode = MEMORY')
    lock.exec('BEGIN EXCLUSIVE')
    return new RunOwnership(folder, token, lock, options)
  }

  /** Is the process that owns this run alive? (Its lock still held; for rows before 0004, its pid.) */
  isAlive(owner: RunOwnerRow): boolean {
    if (owner.ownerLock !== null) return this.isLockHeld(owner.ownerLock, owner.ownerPid)
    return owner.ownerPid !== null && processIsAlive(owner.ownerPid)
  }

  /** Is this run this process's own? */
  owns(owner: RunOwnerRow): boolean {
    return this.token !== null && owner.ownerLock === this.token
  }

  /** Removes a dead owner's lock file (once its runs are marked). */
  forget(token: string): void {
    if (this.folder && token !== this.token && isToken(token) && !this.isLockHeld(token))
      removeLock(this.folder, token)
  }

  /** Lets go of the lock and removes its file: this process records nothing more. */
  release(): void {
    if (!this.lock || !this.folder) return
    this.lock.close()
    this.lock = null
    if (this.token) removeLock(this.folder, this.token)
  }

  private isLockHeld(token: string, pid: number | null = null): boolean {
    if (token === this.token) return this.lock !== null
    // A token that is no file name of ours was never written by a lab: no owner holds it.
    if (!this.folder || !isToken(token)) return false
    let probe: Database.Database
    try {
      probe = new Database(join(this.folder, `${token}.lock`), {
        ...sqliteOptions(this.binding),
        fileMustExist: true,
        // SQLite's busy handler waits out a dying owner, answering the moment the lock is free.
        timeout: graceFor(pid),
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

/**
 * How long to wait for the lock of an owner whose pid this is: at once for a living process
 * (the lock says it is alive), a while for a zombie or a pid gone (the lock goes with its last
 * thread). The pid only decides how long to wait, never whether the owner lives.
 */
function graceFor(pid: number | null): number {
  if (pid === null) return UNKNOWN_GRACE_MS
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    // No such process (dying, gone) where /proc exists; elsewhere nothing is known.
    return code === 'ENOENT' && existsSync('/proc/self/stat') ? DYING_GRACE_MS : UNKNOWN_GRACE_MS
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  return state === 'Z' || state === 'X' ? DYING_GRACE_MS : 0
}

function sqliteOptions(options: { nativeBinding?: string | undefined }): Database.Options {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
}

/** A lock file, and the journal a lab of an earlier version may have left beside it. */
function removeLock(folder: string, token: string): void {
  for (const name of [`${token}.lock`, `${token}.lock-journal`])
    rmSync(join(folder, name), { force: true })
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
