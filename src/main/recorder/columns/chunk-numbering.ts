/**
 * Numbers a chunk's entries (node names, type-and-subject pairs) in the order the chunk first
 * meets them, from their numbers in the run: the run's node 812 may be the chunk's name 3.
 *
 * A builder asks this for every row's node, peer and pair. Each builder used to keep a table the
 * size of the run's list, a typed array's read an answer; but there is a builder per node, so
 * that was one table per node, 6,000 tables of 6,000 names (288 MB) at 6,000 nodes, and pairs
 * grow with the run (each transaction is one). A chunk meets few entries (a node's rows name its
 * neighbours), so this keeps an open-addressing hash table of them, sized to what it met: Map
 * would do the same at about three times the cost, in a loop that runs a few million times a run.
 */
export class ChunkNumbering {
  /** The run's number in each slot (-1: empty), and the chunk's number of it. */
  private keys = new Int32Array(MIN_SLOTS).fill(-1)
  private values = new Int32Array(MIN_SLOTS)
  private shift = 32 - Math.log2(MIN_SLOTS)
  /** The run's numbers of the chunk's entries, in the chunk's order. */
  readonly runNumbers: number[] = []

  /** The chunk's number of the run's entry `index` (≥ 0), numbering it if it is new. */
  numberOf(index: number): number {
    const keys = this.keys
    const mask = keys.length - 1
    let slot = Math.imul(index, GOLDEN) >>> this.shift
    for (;;) {
      const key = keys[slot] as number
      if (key === index) return this.values[slot] as number
      if (key === -1) return this.add(index, slot)
      slot = (slot + 1) & mask
    }
  }

  /** Starts the next chunk: no entry numbered (the table keeps its size). */
  restart(): void {
    this.keys.fill(-1)
    this.runNumbers.length = 0
  }

  private add(index: number, slot: number): number {
    const number = this.runNumbers.length
    this.runNumbers.push(index)
    // At most half full: probes stay short.
    if (2 * this.runNumbers.length > this.keys.length) {
      this.grow()
      return number
    }
    this.keys[slot] = index
    this.values[slot] = number
    return number
  }

  /** Twice the slots, every entry placed again (it was just pushed on `runNumbers`). */
  private grow(): void {
    const size = 2 * this.keys.length
    this.keys = new Int32Array(size).fill(-1)
    this.values = new Int32Array(size)
    this.shift = 32 - Math.log2(size)
    const mask = size - 1
    this.runNumbers.forEach((index, number) => {
      let slot = Math.imul(index, GOLDEN) >>> this.shift
      while (this.keys[slot] !== -1) slot = (slot + 1) & mask
      this.keys[slot] = index
      this.values[slot] = number
    })
  }
}

const MIN_SLOTS = 32
/** The prime nearest 2^32 / φ: multiplying by it spreads near numbers over the top bits. */
const GOLDEN = 0x9e3779b1 | 0
