/**
 * The body of an event chunk as its writers make it: bytes in a buffer that doubles as it fills,
 * integers as little-endian base-128 varints. The generic format (event-codec.ts) also writes
 * each key's integers as steps from that key's last one (its slot), so a chunk decodes alone and
 * the same way whoever wrote it; the column format (column-chunk.ts) keeps its own steps.
 */
export class ChunkBodyWriter {
  protected body: Uint8Array
  protected length = 0
  private readonly slotOf = new Map<string, number>()
  private previous: number[] = []

  constructor(initialBytes: number) {
    this.body = new Uint8Array(initialBytes)
  }

  /** A new chunk: no bytes, and every key's integers step from 0 again. */
  protected restart(): void {
    this.length = 0
    this.slotOf.clear()
    this.previous = []
  }

  /** The slot of `key`'s integers in this chunk, given in the order keys are first seen. */
  protected slot(key: string): number {
    let slot = this.slotOf.get(key)
    if (slot === undefined) {
      slot = this.slotOf.size
      this.slotOf.set(key, slot)
      this.previous.push(0)
    }
    return slot
  }

  /** The step from the slot's last integer to `value`, zig-zagged to a whole number; the slot moves on. */
  protected step(value: number, slot: number): number {
    const step = value - (this.previous[slot] as number)
    this.previous[slot] = value
    return zigzag(step)
  }

  /** The step `value` would be from the slot's last integer (not taken). */
  protected stepFrom(value: number, slot: number): number {
    return value - (this.previous[slot] as number)
  }

  /** A whole number ≥ 0, up to 2^53 (divided, not shifted: bit operators stop at 2^31). */
  protected varint(value: number): void {
    this.room(8)
    this.put(value)
  }

  /** A varint where room was made for it already (a writer of several makes room once). */
  protected put(value: number): void {
    const body = this.body
    let v = value
    while (v >= 0x80) {
      body[this.length++] = (v % 0x80) | 0x80
      v = Math.floor(v / 0x80)
    }
    body[this.length++] = v
  }

  /** Makes room for `bytes` more. */
  protected room(bytes: number): void {
    if (this.length + bytes <= this.body.length) return
    const grown = new Uint8Array(this.body.length * 2)
    grown.set(this.body.subarray(0, this.length))
    this.body = grown
  }
}

/** A step of either sign as a whole number ≥ 0 (0, -1, 1, -2… as 0, 1, 2, 3…), for a varint. */
export function zigzag(step: number): number {
  return step < 0 ? -2 * step - 1 : 2 * step
}

/** The step a zigzag number stands for (zigzag's inverse). */
export function unzigzag(word: number): number {
  return word % 2 === 1 ? -(word + 1) / 2 : word / 2
}
