import { eq } from 'drizzle-orm'
import type { Block } from '../../../core/chain/block'
import { createGenesisBlock } from '../../../core/chain/genesis'
import type { SequencedEvent } from '../../../core/events'
import type { CheckpointState } from '../../../core/network/network-state'
import type { CommandRecord, NetworkStart } from '../../lab/lab-service'
import { encodeCheckpoint, type StoredCheckpoint } from '../checkpoint-codec'
import { readLinesSync } from '../read/read-lines-sync'
import { LineBuffer } from './row-lines'
import { importRunFile, pauseBriefly } from '../run-file/run-file-import'
import { RowWriter, type RowBatch } from './row-writer'
import { ChartChunkPacker } from '../series/chart-chunk'
import type { RecordingDb } from '../open-database'
import type { blocks, checkpoints } from '../schema'
import { IMPORTING, runs } from '../schema'
import { RunOwnership, type RunOwnerRow } from '../run-owner'

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
}

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert']

/** Where flushed rows go: written in this thread, or by a writer thread (thread-sink.ts). */
export interface RowSink {
  write(batch: RowBatch): void
  /** Resolves once at most `backlog` batches handed over are not yet written (0: all written). */
  settle(backlog?: number): Promise<void>
  /** How many batches are handed over and not yet written. */
  backlog(): number
  /**
   * Imports a run file as a new run, by the thread that writes (an import is one long
   * transaction); resolves with its id, or rejects as importRunFile refuses.
   */
  importRun(path: string): Promise<number>
  close(): Promise<void>
}

/** Writes each batch at once, in this thread. */
export function inlineSink(db: RecordingDb, owner?: RunOwnerRow): RowSink {
  const writer = new RowWriter(db)
  return {
    write: (batch) => writer.write(batch),
    settle: async () => {},
    backlog: () => 0,
    importRun: (path) => importRunFile(db, () => readLinesSync(path), pauseBriefly, owner),
    close: async () => {},
  }
}

/**
 * Records the live run. Rows wait in memory and are written in one transaction every `flushMs`
 * (or sooner when many pile up), so the simulation never waits on the disk; the file is in WAL
 * mode, so a crash loses at most the last window and never corrupts what was written.
 */
export class RunWriter {
  private run: LiveRun | null = null
  private timer: NodeJS.Timeout | null = null
  private failed = false
  private buffered = 0
  private pending = {
    /** row-lines.ts text, made as each command is recorded so its event objects die young. */
    lines: new LineBuffer(),
    blocks: [] as Row<typeof blocks>[],
    checkpoints: [] as Row<typeof checkpoints>[],
    chart: new ChartChunkPacker(),
  }
  private readonly flushMs: number
  private readonly maxBuffered: number
  private readonly maxBacklog: number
  readonly owner: RunOwnership

  constructor(
    private readonly db: RecordingDb,
    private readonly options: RunWriterOptions,
    private readonly sink: RowSink = inlineSink(db),
  ) {
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
    const owned = { id: runs.id, ownerPid: runs.ownerPid, ownerLock: runs.ownerLock }
    const live = this.db.select(owned).from(runs).where(eq(runs.status, 'live')).all()
    const dead = new Set<string>()
    let marked = 0
    for (const run of live) {
      if (isAlive(run)) continue
      this.db.update(runs).set({ status: 'interrupted' }).where(eq(runs.id, run.id)).run()
      if (run.ownerLock) dead.add(run.ownerLock)
      marked++
    }
    // An import cut short by its process's death is no run at all: what it wrote goes.
    const importing = this.db.select(owned).from(runs).where(eq(runs.status, IMPORTING)).all()
    for (const run of importing) {
      if (isAlive(run)) continue
      this.db.delete(runs).where(eq(runs.id, run.id)).run()
      if (run.ownerLock) dead.add(run.ownerLock)
    }
    for (const token of dead) this.owner.forget(token)
    return marked
  }

  /** Ends the current run (if any) and starts recording a new one. */
  startRun(start: NetworkStart, name?: string): number {
    this.finishRun()
    const now = new Date().toISOString()
    const row = this.db
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
    const run: LiveRun = {
      id: row.id,
      commandSeq: 0,
      lastEventSeq: 0,
      clock: 0,
      ordinals: new Map(),
      lastCheckpoint: null,
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
    return run.id
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
      events: record.events,
    })
    for (const event of record.events) this.addEvent(run, event)
    run.clock = record.clockAfter
    if (record.checkpoint) this.addCheckpoint(run, seq, record.clockAfter, record.checkpoint)
    this.buffered += 1 + record.events.length
    if (this.buffered >= this.maxBuffered) this.flush()
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs)
    if (this.failed || this.sink.backlog() <= this.maxBacklog) return null
    return this.sink.settle(Math.floor(this.maxBacklog / 2)).catch(() => {
      // A failed writer said why when it failed; the run goes on unrecorded.
    })
  }

  /** Hands everything buffered to the sink, which writes it in one transaction. */
  flush(finishedAt?: string): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const run = this.run
    const pending = this.pending
    this.pending = {
      lines: new LineBuffer(),
      blocks: [],
      checkpoints: [],
      chart: new ChartChunkPacker(),
    }
    this.buffered = 0
    if (!run) return
    const chart = pending.chart.finish()
    try {
      this.sink.write({
        runId: run.id,
        // One string for every command and its events: one cheap copy to the writer thread,
        // which cuts it into rows on its own core.
        lines: pending.lines.take(),
        blocks: pending.blocks,
        checkpoints: pending.checkpoints,
        ...(chart ? { chart } : {}),
        counters: {
          clocks: run.clock,
          commands: run.commandSeq,
          events: run.lastEventSeq,
          blocks: run.ordinals.size,
        },
        ...(finishedAt ? { finishedAt } : {}),
      })
    } catch (error) {
      // The sink failed (and said why, once): the run goes on unrecorded rather than crash the
      // lab from a timer.
      if (!this.failed) console.error('[recorder] recording stopped:', error)
      this.failed = true
    }
  }

  /** Imports a run file through the sink (see RowSink.importRun). */
  importRun(path: string): Promise<number> {
    return this.sink.importRun(path)
  }

  /** Resolves once everything flushed so far is in the file. */
  settled(): Promise<void> {
    return this.sink.settle()
  }

  /** Finishes the run, waits for the file, and stops the sink. */
  async close(): Promise<void> {
    this.finishRun()
    await this.sink.close()
  }

  /** Flushes and marks the current run finished (in the same transaction as its last rows). */
  finishRun(): void {
    if (!this.run) return
    this.flush(new Date().toISOString())
    this.run = null
  }

  private addEvent(run: LiveRun, event: SequencedEvent): void {
    run.lastEventSeq = event.seq
    this.pending.chart.add(event)
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
      state: JSON.stringify(stored),
    })
  }
}

function defaultName(start: NetworkStart, isoTime: string): string {
  const nodes = start.config.nodes.length
  const when = isoTime.slice(0, 16).replace('T', ' ')
  return start.branchOf
    ? `Branch of run ${start.branchOf.runId} at clock ${start.branchOf.clock}`
    : `${nodes} nodes, ${when}`
}
