/**
 * Things that happened at clocks (messages of one type, forks, reorganisations), each with a
 * value: how many, or what extreme, fell in any stretch of clocks.
 */
export class ClockTally {
  private clocks: number[] = []
  private values: number[] = []
  private sorted = true

  add(clock: number, value = 1): void {
    const last = this.clocks[this.clocks.length - 1]
    // Events come in the run's order, which is clock order except where nodes were stepped one
    // at a time; sort once, when next asked, in that case only.
    if (last !== undefined && clock < last) this.sorted = false
    this.clocks.push(clock)
    this.values.push(value)
  }

  /** How many fell in from..to (inclusive). */
  count(from: number, to: number): number {
    const [lo, hi] = this.range(from, to)
    return hi - lo
  }

  /** The largest value in from..to, or 0 when nothing fell there. */
  max(from: number, to: number): number {
    const [lo, hi] = this.range(from, to)
    let max = 0
    for (let i = lo; i < hi; i++) max = Math.max(max, this.values[i] as number)
    return max
  }

  private range(from: number, to: number): [number, number] {
    this.sort()
    return [this.lowerBound(from), this.lowerBound(to + 1)]
  }

  /** The first index whose clock is at or after `clock`. */
  private lowerBound(clock: number): number {
    let lo = 0
    let hi = this.clocks.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((this.clocks[mid] as number) < clock) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private sort(): void {
    if (this.sorted) return
    const clockAt = (i: number) => this.clocks[i] as number
    // A stable sort keeps a clock's events in the run's order.
    const order = this.clocks.map((_, i) => i).sort((a, b) => clockAt(a) - clockAt(b))
    this.values = order.map((i) => this.values[i] as number)
    this.clocks = order.map(clockAt)
    this.sorted = true
  }
}
