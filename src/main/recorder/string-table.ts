/**
 * Strings numbered in the order they are first met: a chunk's string table (the encoder's), or a
 * window's strings across its chunks (the node grouping's).
 */
export class StringTable {
  strings: string[] = []
  private readonly numbers = new Map<string, number>()

  /** The string's number, given it the first time it is met. */
  number(text: string): number {
    let number = this.numbers.get(text)
    if (number === undefined) {
      number = this.strings.length
      this.strings.push(text)
      this.numbers.set(text, number)
    }
    return number
  }

  /** Starts over; the list handed out before stays as it was with whoever took it. */
  clear(): void {
    this.strings = []
    this.numbers.clear()
  }
}
