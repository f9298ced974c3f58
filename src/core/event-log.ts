import { DROP_REASONS, type DropReason, type SequencedEvent } from './events'
import { NODE_STATUSES, STATUS_INDEX, type NodeStatus } from './node-status'
import { messageSubject, type MessagePayload } from './network/message'

/** What a row of the log holds: an event object, or a message event as columns. */
export const ROW_OBJECT = 0
export const ROW_SENT = 1
export const ROW_DELIVERED = 2
export const ROW_DROPPED = 3
export const ROW_STATUS = 4
export type RowKind =
  | typeof ROW_OBJECT
  | typeof ROW_SENT
  | typeof ROW_DELIVERED
  | typeof ROW_DROPPED
  | typeof ROW_STATUS
/** The kinds of row kept as columns rather than as an event object. */
export type ColumnRowKind = Exclude<RowKind, typeof ROW_OBJECT>

/** The keys of the objects the rows become, in the order the engine always made them. */
export const SENT_KEYS = ['kind', 'clock', 'node', 'id', 'type', 'to', 'subject', 'ready', 'seq']
export const DELIVERED_KEYS = ['kind', 'clock', 'node', 'id', 'type', 'from', 'subject', 'seq']
export const DROPPED_KEYS = [
  'kind',
  'clock',
  'node',
  'id',
  'type',
  'from',
  'subject',
  'reason',
  'seq',
]
export const STATUS_KEYS = ['kind', 'clock', 'node', 'status', 'previous', 'seq']

const REASON_NUMBER = new Map(DROP_REASONS.map((reason, i) => [reason, i]))

const FIRST_CAPACITY = 1024
/** The least room a log drained every clock starts with (see `roomAfter`). */
const LEAST_ROOM = 16

/**
 * The rows a network's next log makes room for, after one of `rows` was drained: as many, rounded
 * up to a power of two, between LEAST_ROOM and FIRST_CAPACITY. An experiment drains its log every
 * clock, a host every command (a worker every request); three nodes make a few events a clock,
 * and a log of FIRST_CAPACITY rows (eight columns, 35 KB zeroed) every time was most of what the
 * lab's worker allocated at 2,000 clocks a second. Busier clocks grow the log as they need; a log
 * after a busy one starts with room for its like.
 */
export function roomAfter(rows: number): number {
  let room = LEAST_ROOM
  while (room < rows && room < FIRST_CAPACITY) room *= 2
  return room
}

/** A log's columns, row by row (see EventLog): what a row that is not an object holds. */
export interface LogColumns {
  readonly kinds: Uint8Array
  readonly clocks: Float64Array
  readonly nodes: Int32Array
  readonly peers: Int32Array
  readonly ids: Float64Array
  readonly readies: Float64Array
  /** A dropped row's reason (DROP_REASONS), a status row's status (NODE_STATUSES). */
  readonly codes: Uint8Array
  /** A status row's previous status (NODE_STATUSES). */
  readonly priors: Uint8Array
}

/**
 * A log as it crosses to another thread (a shard worker's events): its columns cut to its rows,
 * copied whole by the structured clone, and its rows' event objects and messages' payloads (see
 * EventLog's refs). Message rows stay rows: a worker host that made them into objects to ship
 * them spent most of a recorded run cloning and re-reading millions of small objects.
 */
export interface ShippedLog {
  readonly rows: number
  readonly columns: LogColumns
  /** Per row, its place in `refs` (-1: a status row, which refers to nothing). */
  readonly refIndex: Int32Array
  readonly refs: readonly unknown[]
}

/** Rows `from` up to `to` of a shipped log: a shard ships one log a step, a piece a clock. */
export interface ShippedRows {
  readonly log: ShippedLog
  readonly from: number
  readonly to: number
}

/** The whole of a shipped log, as rows to join. */
export function allRows(log: ShippedLog): ShippedRows {
  return { log, from: 0, to: log.rows }
}

/**
 * The event a row that is not an object stands for, made as the engine always made it (same
 * keys, same order): the log's and a recording's reader's one way of making them. `peer` is the
 * other node (`to` of a sent message, `from` of the others); `code` a dropped message's reason
 * or a status row's status, `prior` its previous status; what a kind does not have is ignored.
 */
export function rowEvent(
  kind: ColumnRowKind,
  clock: number,
  node: string,
  peer: string,
  id: number,
  type: string,
  subject: string,
  ready: number,
  code: number,
  prior: number,
  seq: number,
): SequencedEvent {
  if (kind === ROW_STATUS)
    return {
      kind: 'node.status',
      clock,
      node,
      status: NODE_STATUSES[code] as NodeStatus,
      previous: NODE_STATUSES[prior] as NodeStatus,
      seq,
    }
  const t = type as MessagePayload['type']
  if (kind === ROW_SENT)
    return { kind: 'message.sent', clock, node, id, type: t, to: peer, subject, ready, seq }
  if (kind === ROW_DELIVERED)
    return { kind: 'message.delivered', clock, node, id, type: t, from: peer, subject, seq }
  const reason = DROP_REASONS[code] as DropReason
  return { kind: 'message.dropped', clock, node, id, type: t, from: peer, subject, reason, seq }
}

/**
 * The events of a network since its last drain, in order. A recorded run's events are nearly all
 * messages sent, dropped (the news was known) and delivered, and nodes' status changes (37 of 38
 * per node per block at 16 links), and their only consumers there are the recorder's encoder and
 * chart packer, which read a few numbers of each: so those four kinds are kept as columns of typed
 * arrays (clock, node and peer by index, id, ready clock, drop reason or statuses, and the payload
 * they refer to), and made into objects only for a consumer that asks (`toArray`: the API, the
 * UI, the event stream, verify; `withoutMessages`: the experiment's metrics). Every other event
 * is kept as the object the engine made. A row's seq is its place after the log's first: the
 * engine numbers every event it makes, one after another.
 */
export class EventLog {
  private kinds: Uint8Array
  private clocks: Float64Array
  private nodes: Int32Array
  private peers: Int32Array
  private ids: Float64Array
  private readies: Float64Array
  /** A dropped row's reason (DROP_REASONS), a status row's status (NODE_STATUSES). */
  private codes: Uint8Array
  /** A status row's previous status (NODE_STATUSES). */
  private priors: Uint8Array
  /** Per row, its place in `refs` (-1: a status row, which refers to nothing). */
  private refIndex: Int32Array
  /**
   * The rows' event objects and messages' payloads, each once for a run of rows that share it: a
   * broadcast's rows, and a node's arrivals of one block from its peers (blockNews), share one
   * payload. Kept once a row, they were most of what logging a message cost: a pointer stored into
   * a long array the collector watches costs about 100 ns, an index into a typed array nothing.
   */
  private readonly refs: unknown[] = []
  /** The last of `refs`; NO_REF before the first. */
  private lastRef: unknown = NO_REF
  private rows = 0
  private objects: SequencedEvent[] | null = null

  constructor(
    /** The nodes' names by index: what a row's node and peer become. */
    readonly names: readonly string[],
    /** The seq of the first row. */
    readonly firstSeq: number,
    /** Rows to make room for at first (it grows as needed). */
    capacity = FIRST_CAPACITY,
  ) {
    this.kinds = new Uint8Array(capacity)
    this.clocks = new Float64Array(capacity)
    this.nodes = new Int32Array(capacity)
    this.peers = new Int32Array(capacity)
    this.ids = new Float64Array(capacity)
    this.readies = new Float64Array(capacity)
    this.codes = new Uint8Array(capacity)
    this.priors = new Uint8Array(capacity)
    this.refIndex = new Int32Array(capacity)
  }

  /** A log of events already made into objects (a worker host's, merged from its shards). */
  static fromEvents(events: readonly SequencedEvent[], names: readonly string[] = []): EventLog {
    const log = new EventLog(names, events[0]?.seq ?? 1)
    // Numbered already (a worker host numbers what it merges): kept as they are.
    for (const event of events) log.refer(log.row(ROW_OBJECT), event)
    log.objects = events as SequencedEvent[]
    return log
  }

  /**
   * Rows of logs shipped from other threads, one piece after another, as one log numbered from
   * `firstSeq`: their object rows are renumbered in place (they are this thread's own copies).
   */
  static joined(
    names: readonly string[],
    firstSeq: number,
    parts: readonly ShippedRows[],
  ): EventLog {
    let total = 0
    for (const part of parts) total += part.to - part.from
    const log = new EventLog(names, firstSeq, Math.max(1, total))
    for (const { log: shipped, from, to } of parts) {
      const at = log.rows
      const c = shipped.columns
      log.kinds.set(c.kinds.subarray(from, to), at)
      log.clocks.set(c.clocks.subarray(from, to), at)
      log.nodes.set(c.nodes.subarray(from, to), at)
      log.peers.set(c.peers.subarray(from, to), at)
      log.ids.set(c.ids.subarray(from, to), at)
      log.readies.set(c.readies.subarray(from, to), at)
      log.codes.set(c.codes.subarray(from, to), at)
      log.priors.set(c.priors.subarray(from, to), at)
      for (let row = from; row < to; row++) {
        const index = shipped.refIndex[row] as number
        if (index < 0) {
          log.refIndex[at + row - from] = -1
          continue
        }
        const ref = shipped.refs[index]
        if (c.kinds[row] === ROW_OBJECT) (ref as { seq: number }).seq = firstSeq + at + row - from
        log.refer(at + row - from, ref)
      }
      log.rows += to - from
    }
    return log
  }

  /**
   * The log for another thread: its columns cut to its rows (a clone would copy each view's whole
   * buffer, its room as well as its rows), and its rows' objects and payloads. A payload is cloned
   * once a reply however many rows share it (a block relayed to every peer), and the recorder
   * numbers each message's type and subject by payload, as it does in one thread.
   */
  ship(): ShippedLog {
    const n = this.rows
    return {
      rows: n,
      columns: {
        kinds: this.kinds.slice(0, n),
        clocks: this.clocks.slice(0, n),
        nodes: this.nodes.slice(0, n),
        peers: this.peers.slice(0, n),
        ids: this.ids.slice(0, n),
        readies: this.readies.slice(0, n),
        codes: this.codes.slice(0, n),
        priors: this.priors.slice(0, n),
      },
      refIndex: this.refIndex.slice(0, n),
      refs: this.refs.slice(),
    }
  }

  get length(): number {
    return this.rows
  }

  /** The seq the next row will have. */
  get nextSeq(): number {
    return this.firstSeq + this.rows
  }

  /** Appends an event made as an object; answers it numbered. */
  push(event: unknown): SequencedEvent {
    const row = this.row(ROW_OBJECT)
    ;(event as { seq: number }).seq = this.firstSeq + row
    this.refer(row, event)
    return event as SequencedEvent
  }

  /** Appends `message.sent`: node `from` sent message `id` to node `to` at `clock`. */
  sent(
    clock: number,
    from: number,
    to: number,
    id: number,
    payload: MessagePayload,
    ready: number,
  ): void {
    const row = this.row(ROW_SENT)
    this.clocks[row] = clock
    this.nodes[row] = from
    this.peers[row] = to
    this.ids[row] = id
    this.readies[row] = ready
    this.refer(row, payload)
  }

  /** Appends `message.delivered`: node `node` took message `id` from node `from` at `clock`. */
  delivered(clock: number, node: number, from: number, id: number, payload: MessagePayload): void {
    const row = this.row(ROW_DELIVERED)
    this.clocks[row] = clock
    this.nodes[row] = node
    this.peers[row] = from
    this.ids[row] = id
    this.refer(row, payload)
  }

  /**
   * Appends `message.dropped`: node `node` dropped message `id` from node `from` at `clock`
   * (for a message that never left, `node` is its receiver).
   */
  dropped(
    clock: number,
    node: number,
    from: number,
    id: number,
    payload: MessagePayload,
    reason: DropReason,
  ): void {
    const row = this.row(ROW_DROPPED)
    this.clocks[row] = clock
    this.nodes[row] = node
    this.peers[row] = from
    this.ids[row] = id
    this.codes[row] = REASON_NUMBER.get(reason) as number
    this.refer(row, payload)
  }

  /** Appends `node.status`: node `node` went from `previous` to `status` at `clock`. */
  status(clock: number, node: number, status: NodeStatus, previous: NodeStatus): void {
    const row = this.row(ROW_STATUS)
    this.clocks[row] = clock
    this.nodes[row] = node
    this.codes[row] = STATUS_INDEX.get(status) as number
    this.priors[row] = STATUS_INDEX.get(previous) as number
    this.refIndex[row] = -1
  }

  kindAt(row: number): RowKind {
    return this.kinds[row] as RowKind
  }

  /** The event of an object row. */
  objectAt(row: number): SequencedEvent {
    return this.refs[this.refIndex[row] as number] as SequencedEvent
  }

  seqAt(row: number): number {
    return this.kinds[row] === ROW_OBJECT ? this.objectAt(row).seq : this.firstSeq + row
  }

  payloadAt(row: number): MessagePayload {
    return this.refs[this.refIndex[row] as number] as MessagePayload
  }

  /** The event at `row` as an object, made as the engine always made it (same keys, same order). */
  eventAt(row: number): SequencedEvent {
    const kind = this.kinds[row] as RowKind
    if (kind === ROW_OBJECT) return this.objectAt(row)
    const seq = this.firstSeq + row
    const clock = this.clocks[row] as number
    const node = this.names[this.nodes[row] as number] as string
    if (kind === ROW_STATUS)
      return rowEvent(
        kind,
        clock,
        node,
        '',
        0,
        '',
        '',
        0,
        this.codes[row] as number,
        this.priors[row] as number,
        seq,
      )
    const payload = this.payloadAt(row)
    const peer = this.names[this.peers[row] as number] as string
    return rowEvent(
      kind,
      clock,
      node,
      peer,
      this.ids[row] as number,
      payload.type,
      messageSubject(payload),
      this.readies[row] as number,
      this.codes[row] as number,
      0,
      seq,
    )
  }

  /**
   * The log's columns up to its length, as they are (views, not copies: read them before the
   * log grows), for a consumer that copies rows in bulk (the recorder's EventColumns).
   */
  columns(): LogColumns {
    const n = this.rows
    return {
      kinds: this.kinds.subarray(0, n),
      clocks: this.clocks.subarray(0, n),
      nodes: this.nodes.subarray(0, n),
      peers: this.peers.subarray(0, n),
      ids: this.ids.subarray(0, n),
      readies: this.readies.subarray(0, n),
      codes: this.codes.subarray(0, n),
      priors: this.priors.subarray(0, n),
    }
  }

  /**
   * Per row up to the log's length, its ref's place (-1: none): rows with the same place share
   * their payload, which a consumer reading each payload once (the recorder's pairs) skips.
   */
  refIndexes(): Int32Array {
    return this.refIndex.subarray(0, this.rows)
  }

  /** The event object or payload at `index` of refIndexes. */
  refAt(index: number): unknown {
    return this.refs[index]
  }

  /** Every event as an object, in order (made once, then the same array). */
  toArray(): SequencedEvent[] {
    if (this.objects) return this.objects
    const objects = new Array<SequencedEvent>(this.rows)
    for (let row = 0; row < this.rows; row++) objects[row] = this.eventAt(row)
    this.objects = objects
    return objects
  }

  /** Every event but the message rows, as objects, in order (for consumers that read no message). */
  withoutMessages(): SequencedEvent[] {
    const events: SequencedEvent[] = []
    for (let row = 0; row < this.rows; row++) {
      const kind = this.kinds[row]
      if (kind === ROW_OBJECT) events.push(this.objectAt(row))
      else if (kind === ROW_STATUS) events.push(this.eventAt(row))
    }
    return events
  }

  [Symbol.iterator](): Iterator<SequencedEvent> {
    return this.toArray()[Symbol.iterator]()
  }

  private row(kind: RowKind): number {
    const row = this.rows++
    if (row === this.kinds.length) this.grow()
    this.kinds[row] = kind
    this.objects = null
    return row
  }

  /** Row `row` refers to `ref`: the last of `refs`, added if it is not already. */
  private refer(row: number, ref: unknown): void {
    if (ref !== this.lastRef) {
      this.refs.push(ref)
      this.lastRef = ref
    }
    this.refIndex[row] = this.refs.length - 1
  }

  private grow(): void {
    const size = this.kinds.length * 2
    this.kinds = grown(new Uint8Array(size), this.kinds)
    this.clocks = grown(new Float64Array(size), this.clocks)
    this.nodes = grown(new Int32Array(size), this.nodes)
    this.peers = grown(new Int32Array(size), this.peers)
    this.ids = grown(new Float64Array(size), this.ids)
    this.readies = grown(new Float64Array(size), this.readies)
    this.codes = grown(new Uint8Array(size), this.codes)
    this.priors = grown(new Uint8Array(size), this.priors)
    this.refIndex = grown(new Int32Array(size), this.refIndex)
  }
}

/** What no row refers to: `lastRef` before the log's first ref. */
const NO_REF = Symbol('no ref')

function grown<T extends Uint8Array | Int32Array | Float64Array>(bigger: T, from: T): T {
  bigger.set(from)
  return bigger
}
