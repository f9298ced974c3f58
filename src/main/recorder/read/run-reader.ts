import type { Statement } from 'better-sqlite3'
import { and, asc, desc, eq, gt, gte, inArray, lte, ne, sql, type SQL } from 'drizzle-orm'
import type { Block } from '../../../core/chain/block'
import type { Command, CommandResult } from '../../../core/commands'
import type { NetworkConfig } from '../../../core/config'
import type { SequencedEvent } from '../../../core/events'
import type { CommandOrigin, Dialect } from '../../../shared/api-types'
import { LabError } from '../../../shared/errors'
import { RUN_STATUSES, type RunStatus, type RunSummary } from '../../../shared/run-types'
import { unpackCheckpoint, type StoredCheckpoint } from '../checkpoint-codec'
import type { RecordingDb } from '../open-database'
import {
  blocks,
  chartChunks,
  checkpoints,
  commands,
  events,
  IMPORTING,
  runs,
  shownStatus,
} from '../schema'
import { CHART_KINDS, detailOf, type ChartEventRow } from '../series/chart-chunk'
import { EventChunkReader } from './event-chunk-reader'

export interface RecordedCommand {
  readonly seq: number
  readonly clock: number
  readonly clockAfter: number
  readonly origin: CommandOrigin
  readonly command: Command
  readonly result: CommandResult
  /** The last event's sequence number before this command. */
  readonly eventsBefore: number
}

export interface EventQuery {
  readonly from?: number | undefined
  readonly to?: number | undefined
  readonly node?: string | undefined
  readonly kind?: string | undefined
  /** Only the message.dropped events of these reasons, comma-separated. */
  readonly dropped?: string | undefined
  readonly limit: number
  /** The seq after which the page starts (the previous page's `next`). */
  readonly cursor?: number | undefined
}

const CHART_KIND_LIST = CHART_KINDS.map((kind) => `'${kind}'`).join(', ')
const CHART_KIND_SET: ReadonlySet<string> = new Set(CHART_KINDS)

/** Reads recorded runs. Only src/main/recorder touches the database. */
export class RunReader {
  private chartRows: Statement<[number, number, number, number], ChartEventRow> | null = null
  /** Events of runs recorded since 0005; older and imported runs have a row an event. */
  readonly chunks: EventChunkReader

  constructor(private readonly db: RecordingDb) {
    this.chunks = new EventChunkReader(db)
  }

  /** Every run, newest first; not those still being imported. */
  listRuns(): RunSummary[] {
    return this.db
      .select()
      .from(runs)
      .where(ne(runs.status, IMPORTING))
      .orderBy(desc(runs.id))
      .all()
      .map(toSummary)
  }

  /** A run, unless there is none of that id or it is still being imported. */
  getRun(id: number): RunSummary | null {
    const row = this.db
      .select()
      .from(runs)
      .where(and(eq(runs.id, id), ne(runs.status, IMPORTING)))
      .get()
    return row ? toSummary(row) : null
  }

  config(id: number): { config: NetworkConfig; dialect: Dialect } | null {
    const row = this.db
      .select({ config: runs.config, dialect: runs.dialect })
      .from(runs)
      .where(eq(runs.id, id))
      .get()
    if (!row) return null
    const config = readConfig(row.config)
    if (typeof config === 'string') throw new RunDamagedError(id, config)
    return { config, dialect: row.dialect as Dialect }
  }

  /** A page of events in order, filtered; `next` is the cursor of the following page, if any. */
  events(runId: number, query: EventQuery): { events: SequencedEvent[]; next: number | null } {
    if (this.chunks.has(runId)) {
      const found = this.chunks.read(
        runId,
        {
          afterSeq: query.cursor,
          from: query.from,
          to: query.to,
          node: query.node,
          kinds: query.kind === undefined ? undefined : new Set(query.kind.split(',')),
          dropReasons: query.dropped === undefined ? undefined : new Set(query.dropped.split(',')),
        },
        query.limit + 1,
      )
      const page = found.slice(0, query.limit)
      return { events: page, next: found.length > query.limit ? (page.at(-1)?.seq ?? null) : null }
    }
    const where: SQL[] = [eq(events.runId, runId)]
    if (query.cursor !== undefined) where.push(gt(events.seq, query.cursor))
    if (query.from !== undefined) where.push(gte(events.clock, query.from))
    if (query.to !== undefined) where.push(lte(events.clock, query.to))
    if (query.node !== undefined) where.push(eq(events.node, query.node))
    // One kind, or several separated by commas (the event log asks for its kinds in one query).
    if (query.kind !== undefined) where.push(inArray(events.kind, query.kind.split(',')))
    if (query.dropped !== undefined)
      where.push(
        sql`(${events.kind} <> 'message.dropped' OR json_extract(${events.data}, '$.reason') IN (${sql.join(
          query.dropped.split(',').map((reason) => sql`${reason}`),
          sql`, `,
        )}))`,
      )
    const rows = this.db
      .select({ seq: events.seq, data: events.data })
      .from(events)
      .where(and(...where))
      .orderBy(asc(events.seq))
      .limit(query.limit + 1)
      .all()
    const page = rows.slice(0, query.limit)
    return {
      events: page.map((r) => JSON.parse(r.data) as SequencedEvent),
      next: rows.length > query.limit ? (page.at(-1)?.seq ?? null) : null,
    }
  }

  /** Events with seq in (after, upTo], in order, for a replay to compare against. */
  eventRange(runId: number, after: number, limit: number): SequencedEvent[] {
    if (this.chunks.has(runId)) return this.chunks.read(runId, { afterSeq: after }, limit)
    return this.db
      .select({ data: events.data })
      .from(events)
      .where(and(eq(events.runId, runId), gt(events.seq, after)))
      .orderBy(asc(events.seq))
      .limit(limit)
      .all()
      .map((r) => JSON.parse(r.data) as SequencedEvent)
  }

  /**
   * Up to `limit` of the events the charts summarise with seq in (afterSeq, throughSeq], in order,
   * for runs recorded before chart chunks were. A raw statement returning arrays: on a whole run
   * this reads most of the events, and Drizzle's objects per row would cost more than SQLite's
   * own work.
   */
  chartEvents(
    runId: number,
    afterSeq: number,
    limit: number,
    throughSeq = Number.MAX_SAFE_INTEGER,
  ): ChartEventRow[] {
    if (this.chunks.has(runId))
      return this.chunks
        .read(runId, { afterSeq, kinds: CHART_KIND_SET, toSeq: throughSeq }, limit)
        .map((e) => [e.seq, e.clock, e.node, e.kind, detailOf(e)])
    this.chartRows ??= this.db.$client
      .prepare<[number, number, number, number], ChartEventRow>(
        `SELECT seq, clock, node, kind,
           CASE kind
             WHEN 'message.sent' THEN data ->> '$.type'
             WHEN 'node.status' THEN data ->> '$.status'
             WHEN 'block.accepted' THEN json_array(
               data ->> '$.onMainChain', data ->> '$.block.height',
               data ->> '$.block.transactions', data ->> '$.block.hash')
             WHEN 'chain.reorg' THEN json_array(
               data ->> '$.depth', json_array_length(data, '$.returned'), data ->> '$.newTip')
           END
         FROM events
         WHERE run_id = ? AND seq > ? AND seq <= ? AND kind IN (${CHART_KIND_LIST})
         ORDER BY seq
         LIMIT ?`,
      )
      .raw()
    return this.chartRows.all(runId, afterSeq, throughSeq, limit)
  }

  /** The chart chunks that reach past seq `afterSeq`, in order (see series/chart-chunk.ts). */
  chartChunks(
    runId: number,
    afterSeq: number,
  ): { firstSeq: number; lastSeq: number; events: string }[] {
    return this.db
      .select({
        firstSeq: chartChunks.firstSeq,
        lastSeq: chartChunks.lastSeq,
        events: chartChunks.events,
      })
      .from(chartChunks)
      .where(and(eq(chartChunks.runId, runId), gt(chartChunks.lastSeq, afterSeq)))
      .orderBy(asc(chartChunks.firstSeq))
      .all()
  }

  /** Commands after `afterSeq`, in order. */
  commands(runId: number, afterSeq = 0, limit = 1_000_000): RecordedCommand[] {
    return this.db
      .select()
      .from(commands)
      .where(and(eq(commands.runId, runId), gt(commands.seq, afterSeq)))
      .orderBy(asc(commands.seq))
      .limit(limit)
      .all()
      .map((row) => ({
        seq: row.seq,
        clock: row.clock,
        clockAfter: row.clockAfter,
        origin: row.origin as CommandOrigin,
        command: JSON.parse(row.command) as Command,
        result: row.result === null ? null : (JSON.parse(row.result) as CommandResult),
        eventsBefore: row.eventsBefore,
      }))
  }

  /** The latest checkpoint at or before `clock`. */
  checkpointAtOrBefore(
    runId: number,
    clock: number,
  ): { commandSeq: number; clock: number; state: StoredCheckpoint } | null {
    const row = this.db
      .select()
      .from(checkpoints)
      .where(and(eq(checkpoints.runId, runId), lte(checkpoints.clock, clock)))
      .orderBy(desc(checkpoints.clock), desc(checkpoints.commandSeq))
      .limit(1)
      .get()
    return row
      ? {
          commandSeq: row.commandSeq,
          clock: row.clock,
          state: unpackCheckpoint(row.state),
        }
      : null
  }

  /**
   * Where the latest checkpoint at or before `clock` stands, without its state: a replay asks it
   * on every scrubbed clock to choose where to start, and seldom then reads the state (1 MB of
   * JSON at 2,000 nodes).
   */
  checkpointPlaceAtOrBefore(
    runId: number,
    clock: number,
  ): { commandSeq: number; clock: number } | null {
    return (
      this.db
        .select({ commandSeq: checkpoints.commandSeq, clock: checkpoints.clock })
        .from(checkpoints)
        .where(and(eq(checkpoints.runId, runId), lte(checkpoints.clock, clock)))
        .orderBy(desc(checkpoints.clock), desc(checkpoints.commandSeq))
        .limit(1)
        .get() ?? null
    )
  }

  /** The checkpoint taken after a given command (0: a branch's initial state). */
  checkpointAfterCommand(
    runId: number,
    commandSeq: number,
  ): { commandSeq: number; clock: number; state: StoredCheckpoint } | null {
    const row = this.db
      .select()
      .from(checkpoints)
      .where(and(eq(checkpoints.runId, runId), eq(checkpoints.commandSeq, commandSeq)))
      .get()
    return row ? { commandSeq, clock: row.clock, state: unpackCheckpoint(row.state) } : null
  }

  /** Blocks of a run by ordinal, for decoding checkpoints. */
  blocks(runId: number, fromOrdinal = 0): Block[] {
    return this.db
      .select({ data: blocks.data })
      .from(blocks)
      .where(and(eq(blocks.runId, runId), gte(blocks.ordinal, fromOrdinal)))
      .orderBy(asc(blocks.ordinal))
      .all()
      .map((r) => JSON.parse(r.data) as Block)
  }
}

/** A stored run that cannot be read: listed and deletable, but nothing can be rebuilt from it. */
export class RunDamagedError extends LabError {
  override readonly name = 'RunDamagedError'
  constructor(id: number, reason: string) {
    super('run-damaged', `run ${id} is damaged: ${reason}; delete it`)
  }
}

/** The stored config, or why it cannot be read. */
function readConfig(text: string): NetworkConfig | string {
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch {
    return 'its config is not JSON'
  }
  const nodes = (config as { nodes?: unknown } | null)?.nodes
  if (!Array.isArray(nodes)) return 'its config names no nodes'
  return config as NetworkConfig
}

/**
 * A run as lists show it. A row that cannot be read (written by an older import that trusted
 * its file, or damaged on disk) is shown as damaged with the reason, never failing the list.
 */
function toSummary(row: typeof runs.$inferSelect): RunSummary {
  const config = readConfig(row.config)
  const known = (RUN_STATUSES as readonly string[]).includes(row.status)
  const damaged =
    typeof config === 'string'
      ? config
      : known
        ? null
        : `its status ${JSON.stringify(row.status)} is unknown`
  return {
    id: row.id,
    name: row.name,
    notes: row.notes,
    created: row.createdAt,
    ended: row.endedAt,
    status: known ? shownStatus(row.status) : ('interrupted' satisfies RunStatus),
    clocks: row.clocks,
    nodes: typeof config === 'string' ? 0 : config.nodes.length,
    blocks: row.blocks,
    events: row.events,
    commands: row.commands,
    dialect: row.dialect as Dialect,
    parentRunId: row.parentRunId,
    branchClock: row.branchClock,
    ...(damaged ? { damaged } : {}),
  }
}
