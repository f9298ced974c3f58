import type { Worker } from 'node:worker_threads'
import { and, eq } from 'drizzle-orm'
import type { Block } from '../../../core/chain/block'
import { createGenesisBlock } from '../../../core/chain/genesis'
import type { SequencedEvent } from '../../../core/events'
import { EventLog, ROW_OBJECT } from '../../../core/event-log'
import type { CheckpointState } from '../../../core/resume'
import type { CommandRecord, NetworkStart } from '../../lab/lab-service'
import {
  checkpointJson,
  newLinksJsonCache,
  encodeCheckpoint,
  type LinksJsonCache,
  type StoredCheckpoint,
} from '../checkpoint-codec'
import { LineBuffer, transactionOf, type TransactionValues } from './row-lines'
import { EventColumns } from '../columns/event-columns'
import type { RecordingDb } from '../open-database'
import type { blocks } from '../schema'
import type { CheckpointRow } from './row-writer'
import { runs } from '../schema'
import { RunOwnership, type RunOwnerRow } from '../run-owner'
import { markInterruptedRuns } from '../mark-interrupted'
import { inlineSink, type RowSink, type SinkFactory } from './row-sink'

export interface RunWriterOptions {
  readonly appVersion: string
  /** How long rows may wait in memory before they are written. */
  readonly flushMs?: number
  /** Past this many buffered rows the writer flushes at once instead of waiting. */
  readonly maxBuffered?: number
  /**
   * Past this many flushes handed to the sink and not yet written, recording a command makes
   * the simulation wait until half of them are: memory stays bounded when the disk is slower.
   */
  readonly maxBacklog?: number
  /** This process's claim on the runs it records (run-owner.ts); none: an in-memory file's. */
  readonly owner?: RunOwnership
}

interface LiveRun {
  readonly id: number
  commandSeq: number
  lastEventSeq: number
  clock: number
  readonly ordinals: Map<string, number>
  /** The last checkpoint: the next lists each node's blocks only from there. */
  lastCheckpoint: StoredCheckpoint | null
  /** The last checkpoint's links as JSON: the next reuses it while they are unchanged. */
  readonly links: LinksJsonCache
  /** Its events since the last flush, as columns (the writer's thread encodes them). */
  readonly columns: EventColumns
}

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert']

/** Why recording stopped, and the run it cut short. */
export interface RecordingStop {
  readonly reason: string
  readonly since: string
  readonly runId: number | null
}

/**
 * Records the live run. Rows wait in memory and are written in one transaction every `flushMs`
 * (or sooner when many pile up), so the simulation never waits on the disk; the file is in WAL
 * mode, so a crash loses at most the last window and never corrupts what was written.
 */
export class RunWriter {
  private run: LiveRun | null = null
  private timer: NodeJS.Timeout | null = null
  private stop: RecordingStop | null = null
  private readonly listeners = new Set<() => void>()
  private sink: RowSink
  private readonly createSink: SinkFactory
  private buffered = 0
  private pending = emptyPending()
  private readonly flushMs: number
  private readonly maxBuffered: number
  private readonly maxBacklog: number
  readonly owner: RunOwnership

  constructor(
    private readonly db: RecordingDb,
    private readonly options: RunWriterOptions,
    /** A sink, or how to make one (again, when recording resumes after a failure). */
    sink: RowSink | SinkFactory = inlineSink(db),
  ) {
    this.createSink = typeof sink === 'function' ? sink : () => sink
    this.sink = this.createSink((error) => this.fail(error))
    this.flushMs = options.flushMs ?? 50
    this.maxBuffered = options.maxBuffered ?? 20_000
    this.maxBacklog = options.maxBacklog ?? 8
    this.owner = options.owner ?? RunOwnership.claim(':memory:')
  }

  get runId(): number | null {
    return this.run?.id ?? null
  }

  /**
   * Marks runs that were live when their process died; answers how many. Runs recorded by a
   * process that is still alive (another lab, the desktop app, a sweep's workers) are left alone.
   * Whether an owner lives is its lock's answer (run-owner.ts), known the moment it dies.
   */
  markInterrupted(isAlive: (owner: RunOwnerRow) => boolean = (o) => this.owner.isAlive(o)): number {
    return markInterruptedRuns(this.db, this.owner, isAlive)
  }

  /** The writer thread now writing, if any (the fault tests end it as a crash would). */
  get thread(): Worker | undefined {
    return this.sink.thread
  }

  /** Why recording stopped (null while it records). */
  get stopped(): RecordingStop | null {
    return this.stop
  }

  /** Hears recording stop and resume; returns the function that stops listening. */
  onStateChange(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Ends the current run (if any) and starts recording a new one; after a failure, tries again
   * (space may have returned). Null when it cannot: recording stays stopped, saying why.
   */
  startRun(start: NetworkStart, name?: string): number | null {
    this.finishRun()
    const resuming = this.stop !== null
    if (resuming && !this.resume()) return null
    const now = new Date().toISOString()
    let row: { id: number }
    try {
      row = this.insertRun(start, name, now)
    } catch (error) {
      this.fail(error)
      return null
    }
    const run: LiveRun = {
      id: row.id,
      commandSeq: 0,
      lastEventSeq: 0,
      clock: 0,
      ordinals: new Map(),
      lastCheckpoint: null,
      links: newLinksJsonCache(),
      columns: new EventColumns(),
    }
    this.run = run
    const genesis = createGenesisBlock(start.config.genesis, start.config.epoch)
    this.addBlock(run, genesis, 0)
    if (start.state) {
      // A branch starts from another run's state: its blocks and that state come first.
      const held = Object.values(start.state.blocks).sort((a, b) => a.id - b.id)
      for (const block of held) this.addBlock(run, block, 0)
      run.clock = Math.max(0, ...start.state.nodes.map((n) => n.clock))
      const nodes = start.state.nodes.map((node) => ({ ...node, tree: 0, blocksFrom: 0 }))
      this.addCheckpoint(run, 0, run.clock, { ...start.state, nodes })
    }
    this.flush()
    if (resuming) for (const listener of this.listeners) listener()
    return run.id
  }

  private insertRun(start: NetworkStart, name: string | undefined, now: string): { id: number } {
    return this.db
      .insert(runs)
      .values({
        name: name ?? defaultName(start, now),
        createdAt: now,
        status: 'live',
        config: JSON.stringify(start.config),
        dialect: start.dialect,
        appVersion: this.options.appVersion,
        parentRunId: start.branchOf?.runId ?? null,
        branchClock: start.branchOf?.clock ?? null,
        ownerPid: process.pid,
        ownerLock: this.owner.token,
      })
      .returning({ id: runs.id })
      .get()
  }

  /**
   * Recording stops: the run goes on unrecorded (nothing more is buffered), its rows kept up to
   * the last batch written, and everyone listening hears why. Never throws: it is called from
   * timers and the writer thread's answers.
   */
  private fail(error: unknown): void {
    if (this.stop) return
    const reason = error instanceof Error ? error.message : String(error)
    console.error(`[recorder] recording stopped: ${reason}`)
    this.stop = { reason, since: new Date().toISOString(), runId: this.run?.id ?? null }
    this.run = null
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.takePending()
    this.markCutShort(this.stop.runId)
    for (const listener of this.listeners) listener()
  }

  /**
   * Tries recording again after a failure, with a new sink (a new writer thread): the run cut
   * short is marked interrupted first, which also proves the file takes writes again.
   */
  private resume(): boolean {
    const stop = this.stop
    if (!stop) return true
    if (!this.markCutShort(stop.runId)) return false
    const old = this.sink
    void old.close().catch(() => {
      // It failed already and said so.
    })
    this.stop = null
    this.sink = this.createSink((error) => this.fail(error))
    return true
  }

  /**
   * Marks this process's runs left live by a failure as interrupted: the one recording, and
   * any whose last batch (the one marking it finished) the failed sink never wrote. False if the
   * file refuses even that.
   */
  private markCutShort(runId: number | null): boolean {
    const token = this.owner.token
    if (token === null && runId === null) return true
    try {
      this.db
        .update(runs)
        .set({ status: 'interrupted' })
        .where(
          and(
            eq(runs.status, 'live'),
            token !== null ? eq(runs.ownerLock, token) : eq(runs.id, runId ?? -1),
          ),
        )
        .run()
      return true
    } catch {
      return false
    }
  }

  /**
   * Buffers a command's rows. Answers a promise, to be awaited before the next command, only
   * when the writer has fallen too far behind (see maxBacklog).
   */
  record(record: CommandRecord): Promise<void> | null {
    const run = this.run
    if (!run) return null
    const seq = ++run.commandSeq
    this.pending.lines.add({
      seq,
      clock: record.clock,
      clockAfter: record.clockAfter,
      origin: record.origin,
      command: record.command,
      result: record.result,
      eventsBefore: run.lastEventSeq,
    })
    const log = record.log ?? EventLog.fromEvents(record.events)
    run.columns.append(log)
    for (let row = 0, rows = log.length; row < rows; row++)
      if (log.kindAt(row) === ROW_OBJECT) this.addEvent(run, log.objectAt(row))
    if (log.length > 0) run.lastEventSeq = log.seqAt(log.length - 1)
    run.clock = record.clockAfter
    if (record.checkpoint) this.addCheckpoint(run, seq, record.clockAfter, record.checkpoint)
    this.buffered += 1 + log.length
    if (this.buffered >= this.maxBuffered) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs)
    if (this.sink.backlog() <= this.maxBacklog) return null
    return this.sink.settle(Math.floor(this.maxBacklog / 2)).catch(() => {
      // A failed writer stopped the recording, saying why; the run goes on unrecorded.
    })
  }

  /** Hands everything buffered to the sink, which writes it in one transaction. */
  flush(finishedAt?: string): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const run = this.run
    const pending = this.takePending()
    if (!run) return
    try {
      this.sink.write({
        runId: run.id,
        // One string for every command and its events: one cheap copy to the writer thread,
        // which cuts it into rows on its own core.
        lines: pending.lines.take(),
        columns: run.columns.take(),
        transactions: pending.transactions,
        blocks: pending.blocks,
        checkpoints: pending.checkpoints,
        counters: {
          clocks: run.clock,
          commands: run.commandSeq,
          events: run.lastEventSeq,
          blocks: run.ordinals.size,
        },
        ...(finishedAt ? { finishedAt } : {}),
      })
    } catch (error) {
      // The sink failed: the run goes on unrecorded rather than crash the lab from a timer.
      this.fail(error)
    }
  }

  /** What is buffered, handed over and forgotten here. */
  private takePending(): RunWriter['pending'] {
    const pending = this.pending
    this.pending = emptyPending()
    this.buffered = 0
    return pending
  }

  /** Imports a run file through the sink (see RowSink.importRun). */
  importRun(path: string): Promise<number> {
    return this.sink.importRun(path)
  }

  /**
   * Resolves once everything flushed so far is in the file, or recording stopped (what is in
   * the file is then all there will be; `stopped` says why).
   */
  async settled(): Promise<void> {
    await this.sink.settle().catch((error: unknown) => {
      if (!this.stop) throw error
    })
  }

  /**
   * Finishes the run, waits for the file, and stops the sink. With a `deadline` (a Date.now()
   * time) it waits no longer: rows not written by then are dropped, and the run, kept up to its
   * last committed batch, is marked interrupted.
   */
  async close(deadline?: number): Promise<void> {
    const runId = this.run?.id ?? null
    this.finishRun()
    const complete = await this.sink.close(deadline).catch((error: unknown) => {
      // A sink that failed stopped the recording and said so; closing goes on.
      if (!this.stop) throw error
      return false
    })
    // A run cut short is marked (once more after a failure, should the file take writes again).
    if (this.stop) this.markCutShort(this.stop.runId)
    else if (!complete) this.markCutShort(runId)
  }

  /** Flushes and marks the current run finished (in the same transaction as its last rows). */
  finishRun(): void {
    if (!this.run) return
    this.flush(new Date().toISOString())
    this.run = null
  }

  private addEvent(run: LiveRun, event: SequencedEvent): void {
    const pending = this.pending
    if (event.kind === 'tx.accepted' || event.kind === 'tx.refused')
      pending.transactions.push(transactionOf(event))
    // Blocks are numbered here: checkpoints refer to them by number.
    if (event.kind === 'block.mined') this.addBlock(run, event.block, event.clock)
  }

  private addBlock(run: LiveRun, block: Block, clock: number): void {
    if (run.ordinals.has(block.hash)) return
    const ordinal = run.ordinals.size
    run.ordinals.set(block.hash, ordinal)
    this.pending.blocks.push({
      runId: run.id,
      ordinal,
      hash: block.hash,
      height: block.id,
      parent: block.previous_block_hash,
      miner: block.miner,
      clock,
      data: JSON.stringify(block),
    })
  }

  private addCheckpoint(
    run: LiveRun,
    commandSeq: number,
    clock: number,
    state: CheckpointState,
  ): void {
    const ordinalOf = (hash: string) => {
      const ordinal = run.ordinals.get(hash)
      if (ordinal === undefined) throw new Error(`checkpoint refers to unrecorded block ${hash}`)
      return ordinal
    }
    const stored = encodeCheckpoint(state, ordinalOf, run.lastCheckpoint)
    run.lastCheckpoint = stored
    this.pending.checkpoints.push({
      runId: run.id,
      commandSeq,
      clock,
      state: checkpointJson(stored, run.links),
    })
  }
}

/** What a flush gathers, as the lab records commands; handed to the sink whole. */
function emptyPending() {
  return {
    /** row-lines.ts text, made as each command is recorded. */
    lines: new LineBuffer(),
    transactions: [] as TransactionValues[],
    blocks: [] as Row<typeof blocks>[],
    checkpoints: [] as CheckpointRow[],
  }
}

function defaultName(start: NetworkStart, isoTime: string): string {
  const nodes = start.config.nodes.length
  const when = isoTime.slice(0, 16).replace('T', ' ')
  return start.branchOf
    ? `Branch of run ${start.branchOf.runId} at clock ${start.branchOf.clock}`
    : `${nodes} nodes, ${when}`
}
