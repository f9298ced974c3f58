import {
  blob,
  customType,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
} from 'drizzle-orm/sqlite-core'
import { RUN_STATUSES, type RunStatus } from '../../shared/run-types'

/**
 * The recording schema. Change it here, then `npm run db:generate` writes the migration into
 * drizzle/ and every database is migrated when it is opened.
 */

/**
 * A run's status as stored: one a list shows (shared RunStatus), or IMPORTING, a run file going
 * in, hidden from every list until it is whole.
 */
export const IMPORTING = 'importing'
export const STORED_RUN_STATUSES = [...RUN_STATUSES, IMPORTING] as const
export type StoredRunStatus = (typeof STORED_RUN_STATUSES)[number]

/** The status a list shows; an importing run is never listed. */
export function shownStatus(status: StoredRunStatus): RunStatus {
  if (status === IMPORTING) throw new Error('an importing run is never shown')
  return status
}

export const runs = sqliteTable('runs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  notes: text('notes').notNull().default(''),
  createdAt: text('created_at').notNull(),
  endedAt: text('ended_at'),
  status: text('status', { enum: STORED_RUN_STATUSES }).notNull(),
  /** The NetworkConfig, as JSON. */
  config: text('config').notNull(),
  dialect: text('dialect').notNull(),
  appVersion: text('app_version').notNull(),
  /** Set on a run branched from another run's state at `branchClock`. */
  parentRunId: integer('parent_run_id'),
  branchClock: integer('branch_clock'),
  /**
   * The process recording a live run (added in 0002). A live run whose process is gone was cut
   * short; one whose process is alive belongs to another lab sharing the file.
   */
  ownerPid: integer('owner_pid'),
  /**
   * The owner's lock (added in 0004): the name of a lock file beside the database that the
   * owning process holds while it lives (run-owner.ts). The OS lets go of it when the process
   * dies, so unlike a pid it cannot be fooled by a zombie or a recycled pid.
   */
  ownerLock: text('owner_lock'),
  /** Counters kept current at every flush, so listing runs reads one row each. */
  clocks: integer('clocks').notNull().default(0),
  commands: integer('commands').notNull().default(0),
  events: integer('events').notNull().default(0),
  blocks: integer('blocks').notNull().default(0),
})

/** Every command a run received, in the order it took effect: what a replay re-applies. */
export const commands = sqliteTable(
  'commands',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The network clock when it took effect. */
    clock: integer('clock').notNull(),
    clockAfter: integer('clock_after').notNull(),
    origin: text('origin').notNull(),
    command: text('command').notNull(),
    result: text('result'),
    /** The sequence number of the last event recorded before it. */
    eventsBefore: integer('events_before').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.seq] })],
)

/**
 * The engine's event stream, one row an event: how runs were recorded before event chunks
 * (0005), and how an imported run file goes in. Read for runs that have no event chunks.
 */
export const events = sqliteTable(
  'events',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    clock: integer('clock').notNull(),
    node: text('node').notNull(),
    kind: text('kind').notNull(),
    /** The whole event as JSON. */
    data: text('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.seq] }),
    index('events_by_clock').on(t.runId, t.clock),
    // Added in 0001: a node's own events (the UI's per-node history) without a scan of the run.
    index('events_by_node').on(t.runId, t.node, t.seq),
  ],
)

/**
 * Added in 0005: the engine's event stream, a chunk of consecutive events a row, encoded and
 * compressed (event-codec.ts): a few bytes an event where a row an event cost about 330. The
 * seqs and clocks each chunk spans let a page, a replay's comparison or an export seek to it.
 */
export const eventChunks = sqliteTable(
  'event_chunks',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    firstSeq: integer('first_seq').notNull(),
    lastSeq: integer('last_seq').notNull(),
    /** The lowest and highest clock of its events (a node's clock may lag the network's). */
    minClock: integer('min_clock').notNull(),
    maxClock: integer('max_clock').notNull(),
    count: integer('count').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.firstSeq] }),
    // Covers a clock window's search: which chunks may hold its events, without their data.
    index('event_chunks_by_clock').on(t.runId, t.minClock, t.maxClock, t.firstSeq),
  ],
)

/**
 * The same events again, grouped by node (since 0006): a node's events of a window of the run
 * (some 65,000 to 500,000 events, see node-chunks/node-chunk-grouper.ts), up to 2,048 a row,
 * encoded as event_chunks are. A page of one node's events reads a row or two here, where the
 * run's chunks hold a few of its events each (at 300 nodes a page of 500 decoded 70 to 600 of
 * them). Keyed by the last seq so that a page from a cursor is one range of the key.
 */
export const nodeEventChunks = sqliteTable(
  'node_event_chunks',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    node: text('node').notNull(),
    lastSeq: integer('last_seq').notNull(),
    firstSeq: integer('first_seq').notNull(),
    minClock: integer('min_clock').notNull(),
    maxClock: integer('max_clock').notNull(),
    count: integer('count').notNull(),
    data: blob('data', { mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.node, t.lastSeq] })],
)

/**
 * How far a run's node_event_chunks reach: every event with a seq up to `throughSeq` is in them;
 * the events after it (a live run's last window, a run cut short) are read from event_chunks.
 */
export const nodeEventMarks = sqliteTable('node_event_marks', {
  runId: integer('run_id')
    .primaryKey()
    .references(() => runs.id, { onDelete: 'cascade' }),
  throughSeq: integer('through_seq').notNull(),
})

/** Every block of a run, once, numbered in the order the run first saw it. */
export const blocks = sqliteTable(
  'blocks',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    hash: text('hash').notNull(),
    height: integer('height').notNull(),
    parent: text('parent').notNull(),
    miner: text('miner'),
    clock: integer('clock').notNull(),
    data: text('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.ordinal] }),
    index('blocks_by_hash').on(t.runId, t.hash),
  ],
)

/** Every transaction of a run, once, where and when it was first submitted or seen. */
export const transactions = sqliteTable(
  'transactions',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    sender: text('sender'),
    recipient: text('recipient').notNull(),
    value: integer('value').notNull(),
    node: text('node').notNull(),
    clock: integer('clock').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.id] })],
)

/** The whole network state after a command, every so many clocks: where a replay starts. */
/**
 * A checkpoint's state: JSON text, or that JSON deflated (a blob). SQLite keeps a blob as it is in
 * a column declared text, so the column (and the migrations) stay as they were.
 */
const checkpointState = customType<{ data: string | Buffer; driverData: string | Buffer }>({
  dataType: () => 'text',
})

export const checkpoints = sqliteTable(
  'checkpoints',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    /** The command it follows (0: the run's initial state). */
    commandSeq: integer('command_seq').notNull(),
    clock: integer('clock').notNull(),
    /**
     * The NetworkState as JSON, with blocks referred to by ordinal: as text before format 2,
     * since then compressed (a blob in the same column). checkpoint-codec.ts reads both.
     */
    state: checkpointState('state').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.commandSeq] }),
    index('checkpoints_by_clock').on(t.runId, t.clock),
  ],
)

/**
 * Added in 0003: each flush's chart events packed into one row (series/chart-chunk.ts), so that a
 * whole run's charts read a row per flush, not one per event. Derived from the events: a run
 * recorded without them (earlier versions, imported files) is read from its events instead.
 */
export const chartChunks = sqliteTable(
  'chart_chunks',
  {
    runId: integer('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    /** The seqs of the first and last event of the flush, chart events or not. */
    firstSeq: integer('first_seq').notNull(),
    lastSeq: integer('last_seq').notNull(),
    events: text('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.firstSeq] })],
)
