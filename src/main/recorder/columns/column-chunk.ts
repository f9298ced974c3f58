import { DROP_REASONS, type BlockRef, type SequencedEvent } from '../../../core/events'
import {
  ROW_DROPPED,
  ROW_OBJECT,
  ROW_SENT,
  ROW_STATUS,
  rowEvent,
  type ColumnRowKind,
} from '../../../core/event-log'
import { ChunkBodyWriter, unzigzag, zigzag } from '../chunk-body-writer'
import { decodeChunk, EventChunkEncoder, type ChunkTables, type EventFilter } from '../event-codec'
import { ROW_ACCEPTED, type ColumnBatch } from './event-columns'
import { ChunkNumbering } from './chunk-numbering'

/**
 * Events stored as their columns (format 3, since session 9): the run's chunks and each node's
 * rows alike, encoded on the writer's thread from the columns the lab's thread hands over
 * (event-columns.ts), with no event object made.
 *
 * A row of the body is a few varints: its kind with the step from the previous row's seq
 * (`kind + 8 × step`), then for any row but an object the step from the previous row's clock
 * (zig-zagged), its node's number in the chunk's names, and: for a message, its peer's number,
 * the step from the previous message's id, its type and subject's number in the chunk's pairs,
 * then the ready clock's distance from the clock (sent) or the drop reason (dropped); for a
 * status, the status and the previous one (NODE_STATUSES); for a block acceptance (kind 5,
 * since session 12), the number in the names of the node it came from plus one (0: none), its
 * block's number in the chunk's blocks, and 1 if on the main chain. The few events kept as
 * objects (a block mined, a transaction, a link cut…) are encoded together in the generic
 * format of event-codec.ts, after the rows, and a row of kind 0 takes the next of them.
 *
 * The generic format made each message event's nine keys a shape, a string table and tagged
 * values: on the lab's thread, then value by value again into each node's rows on the writer's
 * (about 1.7 µs of CPU an event between them). This one writes an event's numbers straight from
 * the columns, once for the run's chunk and once for its node's row. A reader makes exactly the
 * objects the engine made (rowEvent, the event log's own maker), so every route reads the same
 * events from either format; chunks of formats 1 and 2 read as before (readStoredChunk).
 *
 * Stored as: a marker byte (0x07, like format 2's 0x06 a byte no raw deflate stream starts with),
 * the tables' length (4 bytes, little-endian), the tables as JSON (ColumnTables), then the body:
 * the rows' length as a varint, the rows, the objects' body.
 */
export const COLUMNS_MARKER = 0x07
const HEAD = 5

/** What a chunk's rows refer to, listed once a chunk. */
interface ColumnTables {
  readonly names: readonly string[]
  readonly pairs: readonly (readonly [type: string, subject: string])[]
  /** The object events' tables (generic format), or null when there is none. */
  readonly objects: ChunkTables | null
  /** The blocks its accepted rows name (absent where it has none, as before there were any). */
  readonly blocks?: readonly BlockRef[]
}

/** A run's names, type-and-subject pairs and blocks, by the numbers a batch's columns use. */
export interface RunTables {
  names: readonly string[]
  readonly pairs: (readonly [type: string, subject: string])[]
  /** The blocks of accepted rows, and each one's JSON once made (a chunk's tables list them). */
  readonly blocks: BlockRef[]
  readonly blockJson: string[]
  /**
   * The JSON of the batch's objects (its events' blocks, transactions…), made once for the run's
   * chunk and every node's row: the same object is the same text.
   */
  readonly json: Map<unknown, string>
}

/** A run's tables before its first batch. */
export function newRunTables(): RunTables {
  return { names: [], pairs: [], blocks: [], blockJson: [], json: new Map() }
}

/** A run's tables brought up to date with a batch's news. */
export function takeTables(run: RunTables, batch: ColumnBatch): void {
  if (batch.names) run.names = batch.names
  for (const pair of batch.newPairs) run.pairs.push(pair)
  for (const block of batch.newBlocks) run.blocks.push(block)
  // A batch's objects are its own (copies made for the writer's thread).
  run.json.clear()
}

/** A chunk ready to store: its bounds and its packed bytes. */
export interface StoredChunk {
  readonly firstSeq: number
  readonly lastSeq: number
  readonly minClock: number
  readonly maxClock: number
  readonly count: number
  readonly data: Buffer
}

/** A row's numbers before they are written (at most eight). */
const ROW_CELLS = new Float64Array(8)

/** Beyond this, a number is not written as a step (it would lose precision): its row is an object. */
const LARGEST = 2 ** 47

/** Encodes one chunk of events in order: rows from a batch's columns, or events as objects. */
export class ColumnChunkBuilder extends ChunkBodyWriter {
  private objects: EventChunkEncoder | null = null
  /** The chunk's names, pairs and blocks, numbered as first met (its tables list them so). */
  private readonly names = new ChunkNumbering()
  private readonly pairs = new ChunkNumbering()
  private readonly blocks = new ChunkNumbering()
  private rows = 0
  private first = 0
  private lastSeq = 0
  private lastClock = 0
  private lastId = 0
  private minClock = Number.POSITIVE_INFINITY
  private maxClock = Number.NEGATIVE_INFINITY

  constructor(private readonly run: RunTables) {
    // Small at first: a thousand nodes' rows are filled at once, and each doubles as it needs.
    super(1 << 10)
  }

  get count(): number {
    return this.rows
  }

  /**
   * Adds the batch's rows `order[k]` (or `k` itself, without an order) for k from `from`, until
   * `to` or until the chunk holds `limit` rows; answers the k it stopped at. `objectOf` gives an
   * object row's place in the batch's objects.
   *
   * One loop for a run of rows, its state in locals: the writer encodes every event twice (its
   * run's chunk, its node's row), and a call per row and per number, each reading and writing
   * the builder's fields, cost about a quarter more (a synthetic batch of a thousand nodes).
   */
  addRows(
    batch: ColumnBatch,
    objectOf: Int32Array,
    order: Int32Array | null,
    from: number,
    to: number,
    limit = Number.POSITIVE_INFINITY,
  ): number {
    const { kinds, seqs, clocks, nodes, peers, ids, readies, codes, priors } = batch
    const runPairs = batch.pairs
    const names = this.names
    const pairs = this.pairs
    let body = this.body
    let at = this.length
    let rows = this.rows
    let lastSeq = this.lastSeq
    let lastClock = this.lastClock
    let lastId = this.lastId
    let minClock = this.minClock
    let maxClock = this.maxClock
    const cells = ROW_CELLS
    let k = from
    for (; k < to && rows < limit; k++) {
      const row = order === null ? k : (order[k] as number)
      const kind = kinds[row] as number
      const seq = seqs[row] as number
      const clock = clocks[row] as number
      const id = ids[row] as number
      const ready = readies[row] as number
      if (
        kind === ROW_OBJECT ||
        !whole(clock) ||
        (kind <= ROW_DROPPED && !whole(id)) ||
        (kind === ROW_SENT && !whole(ready))
      ) {
        // The generic format's way: the builder's own state, saved and read back around it.
        this.length = at
        this.rows = rows
        this.lastSeq = lastSeq
        this.minClock = minClock
        this.maxClock = maxClock
        this.addObject(
          kind === ROW_OBJECT
            ? (batch.objects[objectOf[row] as number] as SequencedEvent)
            : this.eventOf(batch, row),
        )
        body = this.body
        at = this.length
        rows = this.rows
        lastSeq = this.lastSeq
        minClock = this.minClock
        maxClock = this.maxClock
        continue
      }
      // Room for the row's varints (at most eight, of at most eight bytes each).
      if (at + 64 > body.length) {
        this.length = at
        this.room(64)
        body = this.body
      }
      if (rows === 0) this.first = seq
      rows++
      if (clock < minClock) minClock = clock
      if (clock > maxClock) maxClock = clock
      // The row's numbers, then their varints in one loop (a call per number was not inlined).
      cells[0] = kind + 8 * (seq - lastSeq)
      cells[1] = zigzag(clock - lastClock)
      cells[2] = names.numberOf(nodes[row] as number)
      let count = 5
      if (kind === ROW_STATUS) {
        cells[3] = codes[row] as number
        cells[4] = priors[row] as number
      } else if (kind === ROW_ACCEPTED) {
        // The node it came from, 0 for none; its block; onMainChain.
        const from = peers[row] as number
        cells[3] = from < 0 ? 0 : names.numberOf(from) + 1
        cells[4] = this.blocks.numberOf(runPairs[row] as number)
        cells[5] = codes[row] as number
        count = 6
      } else {
        cells[3] = names.numberOf(peers[row] as number)
        cells[4] = zigzag(id - lastId)
        cells[5] = pairs.numberOf(runPairs[row] as number)
        count = 6
        if (kind === ROW_SENT) cells[count++] = zigzag(ready - clock)
        else if (kind === ROW_DROPPED) cells[count++] = codes[row] as number
        lastId = id
      }
      lastSeq = seq
      lastClock = clock
      for (let c = 0; c < count; c++) {
        let v = cells[c] as number
        while (v >= 0x80) {
          body[at++] = (v % 0x80) | 0x80
          v = Math.floor(v / 0x80)
        }
        body[at++] = v
      }
    }
    this.length = at
    this.rows = rows
    this.lastSeq = lastSeq
    this.lastClock = lastClock
    this.lastId = lastId
    this.minClock = minClock
    this.maxClock = maxClock
    return k
  }

  /** Adds an event kept as an object. */
  addObject(event: SequencedEvent): void {
    this.begin(ROW_OBJECT, event.seq, event.clock)
    ;(this.objects ??= new EventChunkEncoder(1 << 10, this.run.json)).add(event)
  }

  /** The chunk so far, packed, or null if it holds no event; the builder starts a new chunk. */
  finish(): StoredChunk | null {
    if (this.rows === 0) return null
    const objects = this.objects?.finish() ?? null
    // ColumnTables, written as text: the objects' tables are JSON already.
    const { names, pairs } = this.run
    const blocks = this.blocks.runNumbers
    const tables =
      `{"names":${JSON.stringify(this.names.runNumbers.map((i) => names[i]))}` +
      `,"pairs":${JSON.stringify(this.pairs.runNumbers.map((i) => pairs[i]))}` +
      `,"objects":${objects ? objects.tables : 'null'}` +
      (blocks.length > 0 ? `,"blocks":[${blocks.map((i) => this.blockJson(i)).join(',')}]` : '') +
      '}'
    const rowsLength = this.length
    this.varint(rowsLength)
    const lengthBytes = this.length - rowsLength
    const objectBytes = objects?.body.length ?? 0
    const tablesLength = Buffer.byteLength(tables, 'utf8')
    const data = Buffer.allocUnsafe(HEAD + tablesLength + lengthBytes + rowsLength + objectBytes)
    data[0] = COLUMNS_MARKER
    data.writeUInt32LE(tablesLength, 1)
    data.write(tables, HEAD, 'utf8')
    let at = HEAD + tablesLength
    data.set(this.body.subarray(rowsLength, this.length), at)
    at += lengthBytes
    data.set(this.body.subarray(0, rowsLength), at)
    at += rowsLength
    if (objects) data.set(objects.body, at)
    const chunk: StoredChunk = {
      firstSeq: this.first,
      lastSeq: this.lastSeq,
      minClock: this.minClock,
      maxClock: this.maxClock,
      count: this.rows,
      data,
    }
    this.length = 0
    this.names.restart()
    this.pairs.restart()
    this.blocks.restart()
    this.rows = 0
    this.lastSeq = 0
    this.lastClock = 0
    this.lastId = 0
    this.minClock = Number.POSITIVE_INFINITY
    this.maxClock = Number.NEGATIVE_INFINITY
    return chunk
  }

  /** A row's start: the chunk's bounds, then its kind with the step from the last seq. */
  private begin(kind: number, seq: number, clock: number): void {
    if (this.rows === 0) this.first = seq
    this.room(16)
    this.put(kind + 8 * (seq - this.lastSeq))
    this.lastSeq = seq
    this.rows++
    if (clock < this.minClock) this.minClock = clock
    if (clock > this.maxClock) this.maxClock = clock
  }

  /** The run's block `i` as JSON, made once for the run's chunk and every node's row. */
  private blockJson(i: number): string {
    return (this.run.blockJson[i] ??= JSON.stringify(this.run.blocks[i]))
  }

  /** The event a row stands for, for a row whose numbers this format does not write. */
  private eventOf(batch: ColumnBatch, row: number): SequencedEvent {
    if (batch.kinds[row] === ROW_ACCEPTED) {
      const from = batch.peers[row] as number
      return acceptedEvent(
        batch.clocks[row] as number,
        this.run.names[batch.nodes[row] as number] as string,
        this.run.blocks[batch.pairs[row] as number] as BlockRef,
        from < 0 ? null : (this.run.names[from] as string),
        batch.codes[row] === 1,
        batch.seqs[row] as number,
      )
    }
    const kind = batch.kinds[row] as ColumnRowKind
    const [type, subject] =
      kind === ROW_STATUS ? ['', ''] : (this.run.pairs[batch.pairs[row] as number] ?? ['', ''])
    return rowEvent(
      kind,
      batch.clocks[row] as number,
      this.run.names[batch.nodes[row] as number] as string,
      this.run.names[batch.peers[row] as number] ?? '',
      batch.ids[row] as number,
      type,
      subject,
      batch.readies[row] as number,
      batch.codes[row] as number,
      batch.priors[row] as number,
      batch.seqs[row] as number,
    )
  }
}

/** A batch's events cut into chunks of at most `perChunk`, in order: the run's event_chunks. */
export function chunksOf(batch: ColumnBatch, run: RunTables, perChunk: number): StoredChunk[] {
  const builder = new ColumnChunkBuilder(run)
  const objectOf = objectPlaces(batch)
  const chunks: StoredChunk[] = []
  let row = 0
  while (row < batch.length) {
    row = builder.addRows(batch, objectOf, null, row, batch.length, perChunk)
    if (builder.count >= perChunk) chunks.push(builder.finish() as StoredChunk)
  }
  const last = builder.finish()
  if (last) chunks.push(last)
  return chunks
}

/** Each object row's place in the batch's objects (rows that are not objects: 0). */
export function objectPlaces(batch: ColumnBatch): Int32Array {
  const places = new Int32Array(batch.length)
  const { kinds } = batch
  let object = 0
  for (let row = 0; row < batch.length; row++) if (kinds[row] === ROW_OBJECT) places[row] = object++
  return places
}

function whole(value: number): boolean {
  return Number.isSafeInteger(value) && value < LARGEST && value > -LARGEST
}

const KIND_NAMES = [
  '',
  'message.sent',
  'message.delivered',
  'message.dropped',
  'node.status',
  'block.accepted',
]

/** A block.accepted event, made as the engine makes it (same keys, same order). */
function acceptedEvent(
  clock: number,
  node: string,
  block: BlockRef,
  from: string | null,
  onMainChain: boolean,
  seq: number,
): SequencedEvent {
  return { kind: 'block.accepted', clock, node, block, from, onMainChain, seq }
}

/**
 * The events of a format 3 chunk (as stored, marker included) that pass the filter, in order, up
 * to `limit`. Only those are made into objects.
 */
export function decodeColumnChunk(
  data: Uint8Array,
  filter: EventFilter = {},
  limit = Number.POSITIVE_INFINITY,
): SequencedEvent[] {
  const raw = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const tablesLength = raw.readUInt32LE(1)
  const tables = JSON.parse(raw.toString('utf8', HEAD, HEAD + tablesLength)) as ColumnTables
  let at = HEAD + tablesLength
  const varint = (): number => {
    let value = raw[at++] as number
    if (value < 0x80) return value
    value &= 0x7f
    for (let scale = 0x80; ; scale *= 0x80) {
      const byte = raw[at++] as number
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
    }
  }
  const rowsLength = varint()
  const end = at + rowsLength
  // Only the objects the filter keeps are made (a block's JSON parsed): a row of kind 0 whose seq
  // is the next of theirs takes it, any other is passed over.
  const objects = tables.objects
    ? decodeChunk(tables.objects, raw.subarray(end), filter, limit)
    : []
  const { names, pairs } = tables
  const blocks = tables.blocks ?? []
  const { afterSeq, toSeq, from, to, node, kinds, dropReasons } = filter
  /** Whether the filter keeps a row (toSeq apart: past it, reading stops). */
  const wanted = (
    seq: number,
    clock: number,
    kind: number,
    nodeName: string,
    code: number,
  ): boolean =>
    (afterSeq === undefined || seq > afterSeq) &&
    (dropReasons === undefined ||
      kind !== ROW_DROPPED ||
      dropReasons.has(DROP_REASONS[code] as string)) &&
    (from === undefined || clock >= from) &&
    (to === undefined || clock <= to) &&
    (kinds === undefined || kinds.has(KIND_NAMES[kind] as string)) &&
    (node === undefined || nodeName === node)
  const out: SequencedEvent[] = []
  let objectAt = 0
  let seq = 0
  let clock = 0
  let id = 0
  while (at < end && out.length < limit) {
    const head = varint()
    const kind = head % 8
    seq += (head - kind) / 8
    if (kind === ROW_OBJECT) {
      if (toSeq !== undefined && seq > toSeq) break
      if (objects[objectAt]?.seq === seq) out.push(objects[objectAt++] as SequencedEvent)
      continue
    }
    if (kind > ROW_ACCEPTED) throw new Error(`a column chunk holds a row of unknown kind ${kind}`)
    clock += unzigzag(varint())
    const nodeName = names[varint()] as string
    if (kind === ROW_ACCEPTED) {
      const fromNumber = varint()
      const block = blocks[varint()] as BlockRef
      const onMainChain = varint() === 1
      if (toSeq !== undefined && seq > toSeq) break
      if (!wanted(seq, clock, kind, nodeName, 0)) continue
      const fromName = fromNumber === 0 ? null : (names[fromNumber - 1] as string)
      out.push(acceptedEvent(clock, nodeName, block, fromName, onMainChain, seq))
      continue
    }
    let peer = ''
    let type = ''
    let subject = ''
    let ready = 0
    let code = 0
    let prior = 0
    if (kind === ROW_STATUS) {
      code = varint()
      prior = varint()
    } else {
      peer = names[varint()] as string
      id += unzigzag(varint())
      ;[type, subject] = pairs[varint()] as readonly [string, string]
      if (kind === ROW_SENT) ready = clock + unzigzag(varint())
      else if (kind === ROW_DROPPED) code = varint()
    }
    if (toSeq !== undefined && seq > toSeq) break
    if (!wanted(seq, clock, kind, nodeName, code)) continue
    out.push(
      rowEvent(
        kind as ColumnRowKind,
        clock,
        nodeName,
        peer,
        id,
        type,
        subject,
        ready,
        code,
        prior,
        seq,
      ),
    )
  }
  return out
}
