import * as codec from '../event-codec'
import type { ChunkTables, EncodedChunk } from '../event-codec'
import { ChunkBodyWriter } from '../chunk-body-writer'
import { StringTable } from '../string-table'

// Read once: an imported binding may be a getter (tsx's modules), too slow for a loop per value.
const TAG_INT = codec.TAG_INT
const TAG_STRING = codec.TAG_STRING
const TAG_JSON = codec.TAG_JSON
const TAG_CONST = codec.TAG_CONST
const TAG_FLOAT = codec.TAG_FLOAT

/**
 * One node's events, re-encoded from the run's chunks into a chunk of their own (the format of
 * event-codec.ts: its own shapes, strings and integer steps, so it decodes alone), value by value
 * without making an event of any: decoding every event into an object and encoding it again cost
 * the writer thread about ten times its packing (JSON of every block, twice), this a fraction.
 */
export class NodeChunkBuilder extends ChunkBodyWriter {
  constructor() {
    super(256)
  }

  private readonly shapes: (readonly string[])[] = []
  /** A shape's place in `shapes` and each key's slot, by the shape's number in the window. */
  private readonly shapeIds: ({ id: number; slots: readonly number[] } | undefined)[] = []
  private readonly strings: string[] = []
  /** A string's place in `strings` by its number in the window. */
  private readonly stringIds = new Map<number, number>()
  count = 0
  private firstSeq = 0
  private lastSeq = 0
  private minClock = Number.POSITIVE_INFINITY
  private maxClock = Number.NEGATIVE_INFINITY

  /** Appends one event, read from a source chunk (see ChunkWalk). */
  append(walk: ChunkWalk): void {
    const shape = walk.shape
    let local = this.shapeIds[shape.number]
    if (!local) {
      local = {
        id: this.shapes.length,
        slots: shape.keys.map((key, i) => (i === shape.kindAt ? -1 : this.slot(key))),
      }
      this.shapes.push(shape.entry)
      this.shapeIds[shape.number] = local
    }
    if (this.count === 0) this.firstSeq = walk.seq
    this.lastSeq = walk.seq
    if (walk.clock < this.minClock) this.minClock = walk.clock
    if (walk.clock > this.maxClock) this.maxClock = walk.clock
    this.count++
    this.varint(local.id)
    const { tags, numbers, floats, stringNumbers } = walk
    const known = walk.known
    for (let i = 0; i < shape.keys.length; i++) {
      if (i === shape.kindAt) continue
      const tag = tags[i] as number
      const value = numbers[i] as number
      if (tag === TAG_INT) {
        const slot = local.slots[i] as number
        this.varint(this.step(value, slot) * 8 + TAG_INT)
      } else if (tag === TAG_STRING || tag === TAG_JSON)
        this.varint(this.stringId(stringNumbers[value] as number, known) * 8 + tag)
      else if (tag === TAG_CONST) this.varint(value * 8 + TAG_CONST)
      else {
        this.varint(TAG_FLOAT)
        this.room(8)
        new DataView(this.body.buffer).setFloat64(this.length, floats[i] as number, true)
        this.length += 8
      }
    }
  }

  finish(): EncodedChunk {
    return {
      firstSeq: this.firstSeq,
      lastSeq: this.lastSeq,
      minClock: this.minClock,
      maxClock: this.maxClock,
      count: this.count,
      tables: JSON.stringify({ shapes: this.shapes, strings: this.strings } satisfies ChunkTables),
      body: this.body.subarray(0, this.length),
    }
  }

  private stringId(number: number, known: KnownValues): number {
    let id = this.stringIds.get(number)
    if (id === undefined) {
      id = this.strings.length
      this.strings.push(known.strings[number] as string)
      this.stringIds.set(number, id)
    }
    return id
  }
}

/**
 * The shapes and strings of a window's chunks, numbered once each per chunk: a node's row then
 * finds an event's shape and strings by number, not by comparing their text again per event.
 */
export class KnownValues extends StringTable {
  private readonly shapeNumbers = new Map<string, number>()

  shape(name: string): number {
    let number = this.shapeNumbers.get(name)
    if (number === undefined) this.shapeNumbers.set(name, (number = this.shapeNumbers.size))
    return number
  }
}

interface WalkShape {
  /** As the tables list it: kind, then the keys. */
  readonly entry: readonly string[]
  /** Its number among the window's shapes. */
  readonly number: number
  readonly keys: readonly string[]
  readonly kindAt: number
  readonly nodeAt: number
  readonly slots: readonly number[]
}

/**
 * Steps through a chunk's events one by one, holding the current event's values as numbers
 * (integers made whole again, strings and JSON as their place in the chunk's strings).
 */
export class ChunkWalk {
  readonly shapes: readonly WalkShape[]
  shape!: WalkShape
  seq = 0
  clock = 0
  readonly tags: Uint8Array
  readonly numbers: Float64Array
  readonly floats: Float64Array
  private readonly previous: Float64Array
  private readonly seqSlot: number
  private readonly clockSlot: number
  private readonly view: DataView
  private at = 0

  /** Each of the chunk's strings' number among the window's. */
  readonly stringNumbers: Int32Array

  constructor(
    readonly tables: ChunkTables,
    private readonly body: Uint8Array,
    readonly known: KnownValues = new KnownValues(),
  ) {
    this.stringNumbers = Int32Array.from(tables.strings, (text) => known.number(text))
    const { slots, slotOf } = codec.keySlots(tables.shapes.map((entry) => entry.slice(1)))
    this.shapes = tables.shapes.map((entry, i) => {
      const keys = entry.slice(1)
      return {
        entry,
        number: known.shape(entry.join('\u0000')),
        keys,
        kindAt: keys.indexOf('kind'),
        nodeAt: keys.indexOf('node'),
        slots: slots[i] as number[],
      }
    })
    this.previous = new Float64Array(slotOf.size)
    this.seqSlot = slotOf.get('seq') ?? -1
    this.clockSlot = slotOf.get('clock') ?? -1
    const width = Math.max(1, ...this.shapes.map((s) => s.keys.length))
    this.tags = new Uint8Array(width)
    this.numbers = new Float64Array(width)
    this.floats = new Float64Array(width)
    this.view = new DataView(body.buffer, body.byteOffset, body.byteLength)
  }

  /** The node of the current event, if it names one. */
  node(): string | undefined {
    const at = this.shape.nodeAt
    if (at < 0 || this.tags[at] !== TAG_STRING) return undefined
    return this.tables.strings[this.numbers[at] as number]
  }

  /** Reads the next event; false at the chunk's end. */
  next(): boolean {
    const body = this.body
    if (this.at >= body.length) return false
    const shape = this.shapes[this.varint()]
    if (!shape) throw new Error('an event chunk refers to a shape it does not list')
    this.shape = shape
    const { keys, kindAt, slots } = shape
    for (let i = 0; i < keys.length; i++) {
      if (i === kindAt) continue
      const word = this.varint()
      const tag = word % 8
      const payload = (word - tag) / 8
      this.tags[i] = tag
      if (tag === TAG_INT) {
        const slot = slots[i] as number
        const step = payload % 2 === 1 ? -(payload + 1) / 2 : payload / 2
        this.numbers[i] = this.previous[slot] = (this.previous[slot] as number) + step
      } else if (tag === TAG_FLOAT) {
        this.floats[i] = this.view.getFloat64(this.at, true)
        this.at += 8
      } else if (tag <= TAG_CONST) this.numbers[i] = payload
      else throw new Error(`an event chunk holds a value of unknown tag ${tag}`)
    }
    this.seq = this.seqSlot < 0 ? 0 : (this.previous[this.seqSlot] as number)
    this.clock = this.clockSlot < 0 ? 0 : (this.previous[this.clockSlot] as number)
    return true
  }

  private varint(): number {
    const body = this.body
    let value = body[this.at++] as number
    if (value < 0x80) return value
    value &= 0x7f
    for (let scale = 0x80; ; scale *= 0x80) {
      const byte = body[this.at++] as number
      value += (byte & 0x7f) * scale
      if (byte < 0x80) return value
    }
  }
}
