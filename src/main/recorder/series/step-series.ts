/**
 * A value that changes at some clocks and holds in between (a height, a pool size, a status):
 * what it was at any clock, found by binary search over the clocks it changed at.
 */
export class StepSeries<T> {
  private readonly clocks: number[] = [0]
  private readonly values: T[]

  constructor(initial: T) {
    this.values = [initial]
  }

  get length(): number {
    return this.clocks.length
  }

  get current(): T {
    return this.values[this.values.length - 1] as T
  }

  /**
   * The value from `clock` on. A later change in the same clock replaces the earlier one, as the
   * clock's last word is what the charts show. Clocks never go back for one node; should one,
   * the change counts at the latest clock seen rather than rewriting history.
   */
  set(clock: number, value: T): void {
    const last = this.clocks.length - 1
    if (clock <= (this.clocks[last] as number)) {
      this.values[last] = value
      return
    }
    if (value === this.values[last]) return
    this.clocks.push(clock)
    this.values.push(value)
  }

  /** The index of the change in force at `clock` (0 for clocks before the first change). */
  indexAt(clock: number): number {
    let lo = 0
    let hi = this.clocks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((this.clocks[mid] as number) <= clock) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  at(clock: number): T {
    return this.values[this.indexAt(clock)] as T
  }

  clockOf(index: number): number {
    return this.clocks[index] as number
  }

  valueOf(index: number): T {
    return this.values[index] as T
  }
}
