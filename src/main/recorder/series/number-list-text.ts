/**
 * A list of numbers written as the text JSON.stringify makes of them (`1,-1,20`, without the
 * brackets), digit by digit into bytes as they come: the chart packer writes five numbers for
 * each of a recorded run's 1.6 million charted events, and pushing them into an array to
 * stringify later cost several times more than writing their digits.
 */
export class NumberListText {
  private bytes = new Uint8Array(1 << 16)
  private length = 0
  private count = 0

  push(value: number): void {
    if (this.length + 24 > this.bytes.length) this.grow()
    const bytes = this.bytes
    let at = this.length
    if (this.count++ > 0) bytes[at++] = COMMA
    if (Number.isSafeInteger(value)) {
      let v = value
      if (v < 0) {
        bytes[at++] = MINUS
        v = -v
      }
      if (v < 10) bytes[at++] = ZERO + v
      else {
        // Digits from the last, then put in order.
        const start = at
        while (v > 0) {
          const digit = v % 10
          bytes[at++] = ZERO + digit
          v = (v - digit) / 10
        }
        for (let i = start, j = at - 1; i < j; i++, j--) {
          const swap = bytes[i] as number
          bytes[i] = bytes[j] as number
          bytes[j] = swap
        }
      }
    } else {
      // Not a whole number (never one the packer writes): as JSON writes it.
      this.length = at
      return this.append(JSON.stringify(value))
    }
    this.length = at
  }

  /** The text so far. */
  text(): string {
    return Buffer.from(this.bytes.buffer, 0, this.length).toString('latin1')
  }

  private append(text: string): void {
    if (this.length + text.length > this.bytes.length) this.grow(text.length)
    for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i)
  }

  private grow(more = 0): void {
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + more + 24))
    grown.set(this.bytes.subarray(0, this.length))
    this.bytes = grown
  }
}

const COMMA = 0x2c
const MINUS = 0x2d
const ZERO = 0x30
