import { describe, expect, it } from 'vitest'
import type { DoubleSpendReport } from '../../src/core/attack/double-spend-report'
import { doubleSpendSuccess, wilsonInterval } from '../../src/core/attack/attack-theory'
import { poolDoubleSpend } from '../../src/shared/double-spend-summary'

/** One seed's report at q = 0.3, z = 2, counted as double-spend-trials.ts counts it. */
function report(trials: number, successes: number, undecided: number): DoubleSpendReport {
  const decided = trials - undecided
  return {
    kind: 'double-spend',
    attackerPower: 0.3,
    confirmations: 2,
    trials,
    successes,
    published: successes,
    undecided,
    successRate: successes / decided,
    ci95: wilsonInterval(successes, decided),
    rule: 'the lab rule',
    predicted: doubleSpendSuccess(0.3, 2),
    nakamoto: 0.1,
    clocks: 1_000,
  }
}

describe("a double spend's setting pooled across seeds", () => {
  it('adds up the attempts and rates the successes over them all', () => {
    const pooled = poolDoubleSpend([report(100, 20, 0), report(100, 30, 0)])
    expect(pooled).toMatchObject({ trials: 200, undecided: 0, successes: 50, successRate: 0.25 })
    expect(pooled.ci95).toEqual(wilsonInterval(50, 200))
    expect(pooled.predicted).toBe(doubleSpendSuccess(0.3, 2))
  })

  it('leaves undecided attempts out of the rate and its interval, as each seed does', () => {
    const seeds = [report(100, 20, 20), report(100, 30, 0)]
    const pooled = poolDoubleSpend(seeds)
    expect(pooled).toMatchObject({ trials: 200, undecided: 20, successes: 50 })
    expect(pooled.successRate).toBeCloseTo(50 / 180, 12)
    expect(pooled.ci95).toEqual(wilsonInterval(50, 180))
    // One seed pooled alone says what its own report says.
    const alone = poolDoubleSpend([seeds[0]!])
    expect([alone.successRate, alone.ci95]).toEqual([seeds[0]!.successRate, seeds[0]!.ci95])
  })
})
