import type { SequencedEvent } from '../../core/events'
import { inflateRawSync } from 'node:zlib'
import { ChunkBodyWriter, unzigzag } from './chunk-body-writer'
import { StringTable } from './string-table'

/**
 * Events as stored since migration 0005: a chunk of consecutive events in one row
 * (`event_chunks`), as a compact binary body and a table of the chunk's distinct strings, so a
 * recording costs a few bytes an event instead of its JSON (about 330 bytes with the old rows and
 * their two indexes).
 *
 * The encoding is generic over the event's shape rather than written per kind, so an event the
 * engine adds or changes is recorded as it is and read back identical, key order included (the
 * JSON an API answers, and verify's comparison, are the same as from the old rows):
 *
 * - a **shape** is an event's kind and its keys in order, listed once a chunk; each event starts
 *   with its shape's number;
 * - then each value but the kind's, as one varint `payload * 8 + tag`:
 *   - an integer: the step from the last integer under the same key in the chunk (zigzag), so a
 *     seq costs 1, a clock mostly 0, a message id a small step;
 *   - a string: its number in the chunk's string table (node names, hashes, types);
 *   - any object or array (a block, a transaction, an origin): the number of its JSON in the
 *     string table, so the same block accepted by every node is written once a chunk;
 *   - null, false, true; any other number as 8 bytes.
 *
 * Each chunk stands alone (its own tables, its steps from zero), so any chunk decodes without
 * another. Since format 3 (columns/column-chunk.ts) a recording's message and status events are
 * written as columns; this format holds the events kept as objects inside those chunks, an
 * imported run's chunks, and every chunk recorded before.
 */

const TAG_INT = 0
const TAG_STRING = 1
const TAG_JSON = 2
const TAG_CONST = 3
const TAG_FLOAT = 4

const CONSTANTS = [null, false, true] as const

/** What a chunk's body refers to: its shapes (kind, then keys) and its strings. */
export interface ChunkTables {
  readonly shapes: readonly (readonly string[])[]
  readonly strings: readonly string[]
}

/** A chunk as the lab's thread hands it to the writer thread (uncompressed). */
export interface EncodedChunk {
  readonly firstSeq: number
  readonly lastSeq: number
  readonly minClock: number
  readonly maxClock: number
  readonly count: number
  /** The chunk's tables as JSON (ChunkTables). */
  readonly tables: string
  readonly body: Uint8Array
}

interface Shape {
  readonly id: number
  readonly kind: string
  /** The keys in order, `kind` among them. */
  readonly keys: readonly string[]
  /** Per key, the slot its integers step from (-1 for kind). */
  readonly slots: readonly number[]
}

/**
 * Events a stored chunk holds at most, a recording's (fewer at the end of a flush) and an
 * import's alike. A page, a node's history or a replay's comparison decodes whole chunks: smaller
 * ones waste less of a read, bigger ones share their tables among more events and cost fewer rows.
 */
export const EVENTS_PER_CHUNK = 2_048

/** Encodes events into one chunk; `finish` hands it over and starts the next. */
export class EventChunkEncoder extends ChunkBodyWriter {
  /**
   * `initialBytes`: room made at first (it doubles as it fills). `json`: the JSON of the objects
   * met, shared by encoders that meet the same objects (a block accepted by every node, in each
   * node's row), so each is written as text once.
   */
  constructor(
    initialBytes = 1 << 16,
    private readonly json: Map<unknown, string> | null = null,
  ) {
    super(initialBytes)
  }

  private shapes: Shape[] = []
  private shapeByKey = new Map<string, Shape>()
  /** The last shape per kind: nearly every event has its kind's usual keys. */
  private lastShape = new Map<string, Shape>()
  private readonly strings = new StringTable()
  private first = 0
  private last = 0
  private minClock = Number.POSITIVE_INFINITY
  private maxClock = Number.NEGATIVE_INFINITY
  private events = 0
  private readonly keys: string[] = []
  /**
   * The last object value written as JSON and its number: events' objects are immutable (a
   * block's brief is one object, shared by its acceptances), so the same object is the same JSON.
   */
  private lastObject: unknown = null
  private lastJson = 0

  get count(): number {
    return this.events
  }

  add(event: SequencedEvent): void {
    const record = event as unknown as Record<string, unknown>
    const shape = this.shapeOf(event.kind, record)
    if (this.events === 0) this.first = event.seq
    this.last = event.seq
    this.events++
    if (event.clock < this.minClock) this.minClock = event.clock
    if (event.clock > this.maxClock) this.maxClock = event.clock
    this.varint(shape.id)
    const { keys, slots } = shape
    for (let i = 0; i < keys.length; i++) {
      const slot = slots[i] as number
      if (slot < 0) continue
      this.value(record[keys[i] as string], slot)
    }
  }

  /** The chunk so far, or null if it holds no event; the encoder starts a new chunk. */
  finish(): EncodedChunk | null {
    if (this.events === 0) return null
    const chunk: EncodedChunk = {
      firstSeq: this.first,
      lastSeq: this.last,
      minClock: this.minClock,
      maxClock: this.maxClock,
      count: this.events,
      tables: JSON.stringify({
        shapes: this.shapes.map((s) => [s.kind, ...s.keys]),
        strings: this.strings.strings,
      } satisfies ChunkTables),
      body: this.body.slice(0, this.length),
    }
    this.restart()
    this.shapes = []
    this.shapeByKey.clear()
    this.lastShape.clear()
    this.strings.clear()
    this.minClock = Number.POSITIVE_INFINITY
    this.maxClock = Number.NEGATIVE_INFINITY
    this.events = 0
    this.lastObject = null
    return chunk
  }

  private shapeOf(kind: string, record: Record<string, unknown>): Shape {
    const usual = this.lastShape.get(kind)
    if (usual && sameKeys(usual.keys, record)) return usual
    const keys = this.keys
    keys.length = 0
    // As JSON.stringify would: a key whose value is undefined is left out.
    for (const key in record) if (record[key] !== undefined) keys.push(key)
    return this.shapeWith(kind, keys)
  }

  /** The chunk's shape of `kind` with `keys` in order, listed now if it is new. */
  private shapeWith(kind: string, keys: readonly string[]): Shape {
    const name = `${kind}\u0000${keys.join('\u0000')}`
    let shape = this.shapeByKey.get(name)
    if (!shape) {
      shape = {
        id: this.shapes.length,
        kind,
        keys: [...keys],
        slots: keys.map((key) => (key === 'kind' ? -1 : this.slot(key))),
      }
      this.shapes.push(shape)
      this.shapeByKey.set(name, shape)
    }
    this.lastShape.set(kind, shape)
    return shape
  }

  private value(value: unknown, slot: number): void {
    if (typeof value === 'number') this.number(value, slot)
    else if (typeof value === 'string') this.tagged(this.strings.number(value), TAG_STRING)
    else if (value === null) this.tagged(0, TAG_CONST)
    else if (value === false) this.tagged(1, TAG_CONST)
    else if (value === true) this.tagged(2, TAG_CONST)
    else {
      if (value !== this.lastObject) {
        this.lastObject = value
        this.lastJson = this.strings.number(this.jsonOf(value))
      }
      this.tagged(this.lastJson, TAG_JSON)
    }
  }

  private jsonOf(value: unknown): string {
    if (!this.json) return JSON.stringify(value)
    let text = this.json.get(value)
    if (text === undefined) this.json.set(value, (text = JSON.stringify(value)))
    return text
  }

  /** A number: an integer as a step from the slot's last, any other as its 8 bytes. */
  private number(value: number, slot: number): void {
    const step = this.stepFrom(value, slot)
    if (Number.isSafeInteger(value) && Number.isSafeInteger(step) && Math.abs(step) < 2 ** 48)
      this.tagged(this.step(value, slot), TAG_INT)
    else {
      this.tagged(0, TAG_FLOAT)
      this.room(8)
      new DataView(this.body.buffer).setFloat64(this.length, value, true)
      this.length += 8
    }
  }

  private tagged(payload: number, tag: number): void {
    this.varint(payload * 8 + tag)
  }
}

/** Whether the record's keys (those not undefined) are `keys`, in order. */
function sameKeys(keys: readonly string[], record: Record<string, unknown>): boolean {
  let i = 0
  for (const key in record) {
    if (record[key] === undefined) continue
    if (keys[i] !== key) return false
    i++
  }
  return i === keys.length
}

/** Which of a chunk's events to make into objects (all, without one). */
export interface EventFilter {
  /** Only events with a seq above this. */
  readonly afterSeq?: number | undefined
  /** Only events with a seq up to this: decoding stops past it. */
  readonly toSeq?: number | undefined
  readonly from?: number | undefined
  readonly to?: number | undefined
  readonly node?: string | undefined
  readonly kinds?: ReadonlySet<string> | undefined
  /**
   * Only the message.dropped events of these reasons (other kinds as the rest says). The event
   * log leaves out drops of a message the receiver already had, nine in ten of a large run's
   * logged events: asked here, they are stepped over rather than made and sent.
   */
  readonly dropReasons?: ReadonlySet<string> | undefined
}

/**
 * Each shape's keys' slots, as a reader of a chunk numbers them: in the order keys are first seen
 * over the chunk's shapes, as the writer gave them (ChunkBodyWriter.slot).
 */
function keySlots(shapeKeys: readonly (readonly string[])[]): {
  slots: number[][]
  slotOf: Map<string, number>
} {
  const slotOf = new Map<string, number>()
  const slots = shapeKeys.map((keys) =>
    keys.map((key) => {
      let slot = slotOf.get(key)
      if (slot === undefined) slotOf.set(key, (slot = slotOf.size))
      return slot
    }),
  )
  return { slots, slotOf }
}

/**
 * The events of a chunk (its tables and uncompressed body) that pass the filter, in order, up to
 * `limit`. Only those are made into objects: the others are stepped over.
 */
export function decodeChunk(
  tables: ChunkTables,
  body: Uint8Array,
  filter: EventFilter = {},
  limit = Number.POSITIVE_INFINITY,
): SequencedEvent[] {
  const { strings } = tables
  const shapes = tables.shapes.map((s) => {
    const keys = s.slice(1)
    return { kind: s[0] as string, keys, kindAt: keys.indexOf('kind') }
  })
  const { slots, slotOf } = keySlots(shapes.map((s) => s.keys))
  const previous = new Float64Array(slotOf.size)
  const seqSlot = slotOf.get('seq')
  // Each shape's clock by its place among its keys: a clock that is not whole is not a step.
  const clockAt = shapes.map((s) => s.keys.indexOf('clock'))
  const nodeAt = shapes.map((s) => s.keys.indexOf('node'))
  const { afterSeq, toSeq, from, to, node, kinds, dropReasons } = filter
  const out: SequencedEvent[] = []
  const width = Math.max(1, ...shapes.map((s) => s.keys.length))
  // Per key of the event being read: its tag, and its number (an integer, or a string's or
  // JSON's place); a float or a constant waits in `other`. Typed arrays keep the walk, which
  // steps over most events of a filtered page, free of allocation.
  const tags = new Uint8Array(width)
  const numbers = new Float64Array(width)
  const other: unknown[] = new Array<unknown>(width)
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  const end = body.length
  let at = 0
  while (at < end && out.length < limit) {
    let id = body[at++] as number
    if (id >= 0x80) {
      at--
      id = 0
      for (let scale = 1; ; scale *= 0x80) {
        const byte = body[at++] as number
        id += (byte & 0x7f) * scale
        if (byte < 0x80) break
      }
    }
    const shape = shapes[id]
    const shapeSlots = slots[id]
    if (!shape || !shapeSlots) throw new Error(`an event chunk refers to shape ${id}, not listed`)
    const { keys, kindAt } = shape
    for (let i = 0; i < keys.length; i++) {
      if (i === kindAt) continue
      let word = body[at++] as number
      if (word >= 0x80) {
        word &= 0x7f
        for (let scale = 0x80; ; scale *= 0x80) {
          const byte = body[at++] as number
          word += (byte & 0x7f) * scale
          if (byte < 0x80) break
        }
      }
      const tag = word % 8
      const payload = (word - tag) / 8
      tags[i] = tag
      if (tag === TAG_INT) {
        const slot = shapeSlots[i] as number
        numbers[i] = previous[slot] = (previous[slot] as number) + unzigzag(payload)
      } else if (tag === TAG_STRING || tag === TAG_JSON) numbers[i] = payload
      else if (tag === TAG_CONST) other[i] = CONSTANTS[payload]
      else if (tag === TAG_FLOAT) {
        other[i] = view.getFloat64(at, true)
        at += 8
      } else throw new Error(`an event chunk holds a value of unknown tag ${tag}`)
    }
    const seq = seqSlot === undefined ? 0 : (previous[seqSlot] as number)
    const clockKey = clockAt[id] as number
    const clock =
      clockKey < 0
        ? 0
        : tags[clockKey] === TAG_INT
          ? (numbers[clockKey] as number)
          : typeof other[clockKey] === 'number'
            ? (other[clockKey] as number)
            : 0
    if (toSeq !== undefined && seq > toSeq) break
    if (afterSeq !== undefined && seq <= afterSeq) continue
    if (from !== undefined && clock < from) continue
    if (to !== undefined && clock > to) continue
    if (kinds !== undefined && !kinds.has(shape.kind)) continue
    const nodeIndex = nodeAt[id] as number
    if (
      node !== undefined &&
      (nodeIndex < 0 ||
        tags[nodeIndex] !== TAG_STRING ||
        strings[numbers[nodeIndex] as number] !== node)
    )
      continue
    const event: Record<string, unknown> = {}
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as string
      if (i === kindAt) {
        event[key] = shape.kind
        continue
      }
      const tag = tags[i]
      event[key] =
        tag === TAG_INT
          ? numbers[i]
          : tag === TAG_STRING
            ? strings[numbers[i] as number]
            : tag === TAG_JSON
              ? JSON.parse(strings[numbers[i] as number] as string)
              : other[i]
    }
    // Read from the event made: events stored as objects are few (an older recording's, or a
    // column chunk's rows that did not fit its columns).
    if (
      dropReasons !== undefined &&
      shape.kind === 'message.dropped' &&
      !dropReasons.has(event['reason'] as string)
    )
      continue
    out.push(event as unknown as SequencedEvent)
  }
  return out
}

/**
 * A chunk as stored since format 2: one marker byte, its tables' length (4 bytes), its tables as
 * JSON and its body, as they are. The events' own encoding took most of the redundancy out
 * already; deflating what is left (level 1) saved about 60 % of the chunks' bytes but was the
 * writer thread's largest cost, mostly a fixed price a call (tens of microseconds setting up
 * zlib's state) that the many small per-node rows paid again and again. The file stays well
 * under its 80 bytes an event once checkpoints are compressed (checkpoint-codec.ts).
 *
 * Chunks written before (format 1) are the same four parts compressed with raw deflate. The
 * marker tells them apart: a raw deflate stream never starts with it (its first block would be
 * of type 3, which deflate reserves), so old files read as they always did.
 */
export function packChunk(chunk: Pick<EncodedChunk, 'tables' | 'body'>): Buffer {
  const tablesLength = Buffer.byteLength(chunk.tables, 'utf8')
  const data = Buffer.allocUnsafe(HEAD + tablesLength + chunk.body.length)
  data[0] = STORED
  data.writeUInt32LE(tablesLength, 1)
  data.write(chunk.tables, HEAD, 'utf8')
  data.set(chunk.body, HEAD + tablesLength)
  return data
}

/** The first byte of a chunk stored as it is: BFINAL 0, BTYPE 3 (reserved) to a deflate reader. */
const STORED = 0x06
/** The marker and the tables' length. */
const HEAD = 5

/** A stored chunk's tables and body (of either format). */
export function unpackChunk(data: Uint8Array): { tables: ChunkTables; body: Uint8Array } {
  const raw = data[0] === STORED ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : null
  if (raw) {
    const length = raw.readUInt32LE(1)
    const tables = JSON.parse(raw.toString('utf8', HEAD, HEAD + length)) as ChunkTables
    return { tables, body: raw.subarray(HEAD + length) }
  }
  // Format 1: compressed whole, without the marker.
  const inflated = inflateRawSync(data)
  const length = inflated.readUInt32LE(0)
  const tables = JSON.parse(inflated.toString('utf8', 4, 4 + length)) as ChunkTables
  return { tables, body: inflated.subarray(4 + length) }
}
