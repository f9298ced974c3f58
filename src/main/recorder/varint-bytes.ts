/**
 * Bytes written into a buffer that doubles as it fills, integers as little-endian base-128
 * varints: the body of an event chunk (event-codec.ts), whether encoded from events or copied
 * value by value into a node's own chunk (node-transcoder.ts).
 */
export class VarintBytes {
  protected body: Uint8Array
  protected length = 0

  constructor(initialBytes: number) {
    this.body = new Uint8Array(initialBytes)
  }

  /** A whole number ≥ 0, up to 2^53 (divided, not shifted: bit operators stop at 2^31). */
  protected varint(value: number): void {
    this.room(8)
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
