import { LabError } from '../../shared/errors'
import { fileURLToPath } from 'node:url'
import { and, eq } from 'drizzle-orm'
import type { LabService } from '../lab/lab-service'
import { openDatabase, type RecordingDb } from './open-database'
import type { ExportFormat } from '../../shared/export-formats'
import { exportChunks, exportLineCount } from './run-file/run-export'
import { RunReader } from './read/run-reader'
import { RunReplayer, RunNotFoundError } from './replay/run-replay'
import { inlineStates, threadStates, type RunStates } from './replay/run-states'
import { RunSeriesCache } from './series/run-series-cache'
import { RunWriter } from './write/run-writer'
import { inlineSink, type SinkFactory } from './write/row-sink'
import { threadSink } from './write/thread-sink'
import { IMPORTING, runs } from './schema'
import { RunOwnership } from './run-owner'
import {
  asDatabaseFileError,
  checkDatabaseFile,
  checkInThread,
  integrityOf,
} from './database-check'
import type { DatabaseCheck, RecordingState } from '../../shared/database-types'
import type { RunSummary } from '../../shared/run-types'
import { JobThreads, sourceJobUrl } from './jobs/job-threads'

export interface RecorderOptions {
  readonly appVersion: string
  readonly migrationsFolder?: string
  readonly nativeBinding?: string | undefined
  readonly flushMs?: number
  /** The writer thread's bundled code (the Electron build); from source when absent. */
  readonly writerUrl?: URL
  /** The database check thread's bundled code (the Electron build); from source when absent. */
  readonly checkWorkerUrl?: URL
  /** The replay thread's bundled code (the Electron build); from source when absent. */
  readonly replayUrl?: URL
  /** The job threads' bundled code (verify, export); from source when absent. */
  readonly jobUrl?: URL
  /** Clocks between checkpoints of the whole state, where replays start (CHECKPOINT_EVERY). */
  readonly checkpointEvery?: number
  /**
   * The file was checked and migrated by whoever passes it, once for many recorders (a sweep's
   * experiments): no check, no migration here.
   */
  readonly checked?: boolean
  /**
   * Rows are written in this thread, with no writer thread of its own: for a recorder already
   * off the lab's thread (a sweep worker), where starting a thread took longer than the run.
   */
  readonly writeInline?: boolean
}

/**
 * How often the recorder checkpoints the whole network state, in clocks: a replay to any clock
 * re-executes at most this many clocks after the checkpoint before it, idle clocks aside (none is
 * taken after nothing but idle clocks: see LabService.apply).
 */
export const CHECKPOINT_EVERY = 100

/** drizzle/ at the repository root, for runs from source (the Electron shell passes its own). */
export function sourceMigrationsFolder(): string {
  return fileURLToPath(new URL('../../../drizzle', import.meta.url))
}

/**
 * The recording of runs in one SQLite file: a writer connection that records the live run, a
 * read-only one for everything that reads (Signal's DataWriter/DataReader split), and the
 * replayer that rebuilds any saved run.
 */
export class Recorder {
  readonly reader: RunReader
  readonly replayer: RunReplayer
  /** Runs' states at a clock, rebuilt off this thread (in memory: on it). */
  readonly states: RunStates
  readonly series: RunSeriesCache
  readonly writer: RunWriter
  /** Verifies and exports, each in a thread of its own. */
  readonly jobs: JobThreads
  /** Runs found live at start-up: their process died, so they are marked interrupted. */
  readonly interrupted: number
  private detach: (() => void) | null = null
  private readonly checkpointEvery: number

  private constructor(
    readonly file: string,
    private readonly writeDb: RecordingDb,
    private readonly readDb: RecordingDb,
    private readonly options: RecorderOptions,
    /** A connection of its own, for reads that must see one moment of the file (exports). */
    private readonly openReader: (() => RecordingDb) | null,
    owner: RunOwnership,
  ) {
    const stamp = { ownerPid: process.pid, ownerLock: owner.token }
    // Rows are written by a thread of their own, except for an in-memory file, which exists
    // only for the connection that made it. A thread that fails is replaced by a new one when
    // recording resumes (RunWriter.startRun).
    const sink: SinkFactory =
      file === ':memory:' || options.writeInline
        ? () => inlineSink(writeDb, stamp)
        : (onFailure) =>
            threadSink(file, {
              ...(options.writerUrl ? { url: options.writerUrl } : {}),
              ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
              owner: stamp,
              onFailure,
            })
    this.writer = new RunWriter(
      writeDb,
      {
        appVersion: options.appVersion,
        ...(options.flushMs !== undefined ? { flushMs: options.flushMs } : {}),
        owner,
      },
      sink,
    )
    this.reader = new RunReader(readDb)
    this.replayer = new RunReplayer(this.reader)
    this.series = new RunSeriesCache(this.reader, this.replayer)
    this.states =
      file === ':memory:'
        ? inlineStates(this.replayer, this.series)
        : threadStates(file, {
            ...(options.replayUrl ? { url: options.replayUrl } : {}),
            ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
          })
    this.jobs = new JobThreads(
      file === ':memory:'
        ? null
        : { file, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) },
      options.jobUrl ?? sourceJobUrl(),
      {
        verify: (id, onProgress, signal) => this.replayer.verify(id, onProgress, signal),
        exportLines: (id, format) => this.exportLines(id, format),
        exportLineCount: (id, format) => this.exportLineCount(id, format),
      },
    )
    this.interrupted = this.writer.markInterrupted()
    this.checkpointEvery = options.checkpointEvery ?? CHECKPOINT_EVERY
  }

  /**
   * Opens the file, checked first (checkDatabaseFile): a damaged, unreadable or read-only file
   * throws DatabaseFileError, one line naming it, with nothing written to it.
   */
  static open(file: string, options: RecorderOptions): Recorder {
    const open = {
      migrationsFolder: options.migrationsFolder ?? sourceMigrationsFolder(),
      nativeBinding: options.nativeBinding,
      ...(options.checked ? { migrate: false } : {}),
    }
    if (!options.checked)
      checkDatabaseFile(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {})
    const opened: RecordingDb[] = []
    try {
      const writeDb = openDatabase(file, open)
      opened.push(writeDb)
      // An in-memory database exists once per connection, so it reads through the writer's.
      const openReader =
        file === ':memory:' ? null : () => openDatabase(file, { ...open, readonly: true })
      const readDb = openReader?.() ?? writeDb
      opened.push(readDb)
      const owner = RunOwnership.claim(file, { nativeBinding: options.nativeBinding })
      return new Recorder(file, writeDb, readDb, options, openReader, owner)
    } catch (error) {
      for (const db of opened.reverse()) if (db.$client.open) db.$client.close()
      throw asDatabaseFileError(file, error)
    }
  }

  /** Whether runs are being recorded now, or why not. */
  state(): RecordingState {
    const stop = this.writer.stopped
    return stop
      ? { state: 'stopped', file: this.file, ...stop }
      : { state: 'recording', file: this.file, runId: this.writer.runId }
  }

  /** Hears recording stop (a full disk, a dead writer thread) and resume; returns the unsubscribe. */
  onStateChange(listener: (state: RecordingState) => void): () => void {
    return this.writer.onStateChange(() => listener(this.state()))
  }

  /** Records the service's current network as a new run, and every network it creates later. */
  attach(service: LabService): void {
    this.writer.startRun({ config: service.config, dialect: service.currentDialect })
    const offCommand = service.onCommand((record) => this.writer.record(record) ?? undefined, {
      checkpointEvery: this.checkpointEvery,
    })
    const offNetwork = service.onNetworkCreated((start) => {
      this.writer.startRun(start)
    })
    this.detach = () => {
      offCommand()
      offNetwork()
    }
  }

  /** Renames a run or changes its notes; another living lab's live run is not this lab's to change. */
  rename(id: number, changes: { name?: string | undefined; notes?: string | undefined }): void {
    if (id !== this.writer.runId) this.requireNotLive(id)
    const set = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
    }
    try {
      if (Object.keys(set).length > 0)
        this.writeDb.update(runs).set(set).where(eq(runs.id, id)).run()
    } catch (error) {
      throw asDiskFullError(this.file, error)
    }
  }

  /** Every saved run, as the lab knows it now (see shown). */
  listRuns(): RunSummary[] {
    const cutShort = this.cutShort()
    return this.reader.listRuns().map((run) => shown(run, cutShort))
  }

  /** A saved run, as the lab knows it now (see shown); null if there is none. */
  getRun(id: number): RunSummary | null {
    const run = this.reader.getRun(id)
    return run && shown(run, this.cutShort())
  }

  /**
   * This lab's runs that are `live` in the file but record no more: cut short by a recording
   * that failed, their mark not yet written (the disk still full). They are interrupted; the
   * mark is written when the file takes it (a delete, a rename, recording resuming, closing) or
   * by the next lab to open the file, this one's lock gone.
   */
  private cutShort(): ReadonlySet<number> {
    const token = this.writer.owner.token
    if (token === null) return new Set()
    const live = this.writeDb
      .select({ id: runs.id })
      .from(runs)
      .where(and(eq(runs.status, 'live'), eq(runs.ownerLock, token)))
      .all()
    return new Set(live.map((r) => r.id).filter((id) => id !== this.writer.runId))
  }

  /** Deletes a saved run; a live run cannot be deleted while it records, here or in another lab. */
  delete(id: number): void {
    this.requireNotLive(id)
    try {
      this.writeDb.delete(runs).where(eq(runs.id, id)).run()
    } catch (error) {
      throw asDiskFullError(this.file, error)
    }
    this.replayer.forget(id)
    this.states.forget(id)
    this.series.forget(id)
  }

  /**
   * A run in an export format, streamed page by page in chunks of whole lines (call sync()
   * first).
   */
  exportLines(id: number, format: ExportFormat): Generator<string> {
    this.requireRun(id)
    return this.inSnapshot((db, reader) => exportChunks(db, reader, id, format))
  }

  /**
   * Reads in one read transaction on a connection of its own: an export of the live run takes
   * many pages over seconds while the recording goes on, and every page must come from the
   * same moment, or the file holds rows its header does not count. (WAL mode lets the
   * recording write meanwhile; the other readers are not held to that moment.)
   */
  private *inSnapshot(
    read: (db: RecordingDb, reader: RunReader) => Iterable<string>,
  ): Generator<string> {
    if (!this.openReader) {
      // An in-memory file has one connection, written in this thread: nothing moves mid-read.
      yield* read(this.readDb, this.reader)
      return
    }
    const db = this.openReader()
    try {
      db.$client.exec('BEGIN')
      yield* read(db, new RunReader(db))
    } finally {
      if (db.$client.inTransaction) db.$client.exec('ROLLBACK')
      db.$client.close()
    }
  }

  /** The lines exportLines yields for the run as it is now: what progress is measured against. */
  exportLineCount(id: number, format: ExportFormat): number {
    return exportLineCount(this.readDb, this.reader, id, format)
  }

  /**
   * Imports the `.chain-lab-run` file at `path` as a new run, reading it a chunk at a time;
   * refuses a damaged or foreign file whole. The writer thread does it, so the lab answers
   * meanwhile (the recording's rows wait their turn behind it).
   */
  importRunFile(path: string): Promise<number> {
    return this.writer.importRun(path)
  }

  /**
   * SQLite's full check of the file (integrity_check), in a thread of its own: what to run
   * when a read fails oddly or before copying the file elsewhere.
   */
  checkDatabase(): Promise<DatabaseCheck> {
    if (this.file === ':memory:')
      return Promise.resolve(integrityOf(this.writeDb.$client, this.file, 'full'))
    return checkInThread(this.file, {
      url: this.options.checkWorkerUrl,
      nativeBinding: this.options.nativeBinding,
    })
  }

  /** Everything recorded so far, written: what a read of the live run must wait for. */
  async sync(): Promise<void> {
    this.writer.flush()
    await this.writer.settled()
  }

  /**
   * Flushes, marks the live run finished and closes the file. With a `deadline` (a Date.now()
   * time: a SIGTERM's limit) the writer stops then, the run marked interrupted at its last
   * committed batch (RunWriter.close).
   */
  async close(options: { deadline?: number } = {}): Promise<void> {
    this.detach?.()
    await this.jobs.close()
    try {
      await this.states.close()
      await this.writer.close(options.deadline)
    } finally {
      if (this.readDb !== this.writeDb) this.readDb.$client.close()
      this.writeDb.$client.close()
      this.writer.owner.release()
    }
  }

  /**
   * Refuses a run another lab records now (its owner's lock is held). One whose owner died
   * since this lab started is marked interrupted here and then is a saved run like any other.
   */
  private requireNotLive(id: number): void {
    const row = this.writeDb
      .select({ status: runs.status, ownerPid: runs.ownerPid, ownerLock: runs.ownerLock })
      .from(runs)
      .where(eq(runs.id, id))
      .get()
    if (!row || row.status === IMPORTING) throw new RunNotFoundError(id)
    if (row.status !== 'live') return
    if (id === this.writer.runId) throw new LiveRunError(id, 'here')
    if (!this.writer.owner.owns(row) && this.writer.owner.isAlive(row))
      throw new LiveRunError(id, 'elsewhere')
    // Cut short (its owner dead, or this lab's recording failed): marked now if the file takes
    // it; if not (the disk still full) it is known as interrupted all the same (cutShort).
    try {
      this.writeDb.update(runs).set({ status: 'interrupted' }).where(eq(runs.id, id)).run()
    } catch (error) {
      if (!this.writer.owner.owns(row)) throw asDiskFullError(this.file, error)
    }
  }

  private requireRun(id: number): void {
    if (!this.reader.getRun(id)) throw new RunNotFoundError(id)
  }
}

export class LiveRunError extends LabError {
  override readonly name = 'LiveRunError'
  constructor(id: number, where: 'here' | 'elsewhere') {
    super(
      'run-is-live',
      where === 'here'
        ? `run ${id} is recording now in this lab; create a new network first`
        : `run ${id} is recording now in another lab on the same file; stop that lab first`,
    )
  }
}

/** The run it shows as interrupted when this lab cut it short (Recorder.cutShort). */
function shown(run: RunSummary, cutShort: ReadonlySet<number>): RunSummary {
  return cutShort.has(run.id) ? { ...run, status: 'interrupted' } : run
}

/** A write the full disk refused says so, naming the file; other errors go as they are. */
function asDiskFullError(file: string, error: unknown): unknown {
  if ((error as { code?: string } | null)?.code !== 'SQLITE_FULL') return error
  return new LabError(
    'database-unusable',
    `the disk holding ${file} is full: free some space and try again`,
  )
}
