import { describe, expect, it } from 'vitest'
import { wilsonInterval } from '../../../src/core/attack/attack-theory'
import {
  runDoubleSpendTrial,
  runDoubleSpendTrials,
} from '../../../src/core/attack/double-spend-trials'

const race = (share: number, confirmations: number, seed = 1) => ({
  nodes: 4,
  difficulty: 1,
  seed,
  autoMine: { interval: 40, hashPower: null },
  attack: { kind: 'double-spend', share, confirmations },
})

describe('double-spend trials', () => {
  it('are seeded: the same seed gives the same outcome, clock for clock', () => {
    const outcomes = [1, 2, 3, 4, 5, 6].map((seed) => runDoubleSpendTrial(race(0.4, 2, seed)))
    expect([1, 2, 3, 4, 5, 6].map((seed) => runDoubleSpendTrial(race(0.4, 2, seed)))).toEqual(
      outcomes,
    )
    // Both outcomes occur at q = 0.4: the trials are not all alike.
    expect(new Set(outcomes.map((o) => o.success)).size).toBe(2)
  })

  it('all but always succeed for a majority attacker', () => {
    const report = runDoubleSpendTrials(race(0.7, 2), 20)
    expect(report.successes).toBe(20)
    expect(report.published).toBe(20)
    // Giving up 20 behind leaves even a 70 % attacker a chance in 10^7 of failing.
    expect(report.predicted).toBeGreaterThan(0.9999999)
    expect(report.predicted).toBeLessThan(1)
  })

  it('succeed as often as the exact formula for the lab’s rule says (q = 0.3, z = 1)', () => {
    const report = runDoubleSpendTrials(race(0.3, 1), 300)
    expect(report.predicted).toBeCloseTo(0.3086, 4)
    // A 99.9 % interval, so that a correct engine fails this about once in a thousand seeds.
    const [lo, hi] = wilsonWide(report.successes, report.trials)
    expect(report.predicted).toBeGreaterThanOrEqual(lo)
    expect(report.predicted).toBeLessThanOrEqual(hi)
    expect(report.ci95).toEqual(wilsonInterval(report.successes, report.trials))
    // A trial ends with the race decided: published and won, or given up. A lost tie is not an
    // end (the race goes on from it), so every published trial is a success.
    expect(report.published).toBe(report.successes)
    expect(report.undecided).toBe(0)
    // Nakamoto's value (0.63) is far outside: the lab's rule is not the whitepaper's.
    expect(report.nakamoto).toBeGreaterThan(hi)
  })
})

describe('a double-spend trial at its clock cap', () => {
  it('is undecided, not a failure, when the race is still on at the cap', () => {
    // q = 0.45, z = 6: at 200 clocks (two blocks on average) no race is over.
    const trial = runDoubleSpendTrial(race(0.45, 6, 3), 200)
    expect(trial).toMatchObject({ success: false, decided: false })
    const report = runDoubleSpendTrials(race(0.45, 6, 3), 5, undefined, 200)
    expect(report.undecided).toBe(5)
    expect(report.successes).toBe(0)
    // The rate and its interval are over decided trials only: none here.
    expect(report.successRate).toBe(0)
    expect(report.ci95).toEqual([0, 1])
  })

  it('counts decided trials as usual when the cap is far', () => {
    const report = runDoubleSpendTrials(race(0.45, 1, 3), 5)
    expect(report.undecided).toBe(0)
    expect(runDoubleSpendTrial(race(0.45, 1, 3)).decided).toBe(true)
  })
})

/** A 99.9 % Wilson interval (z = 3.29). */
function wilsonWide(successes: number, trials: number): [number, number] {
  const z = 3.2905
  const p = successes / trials
  const d = 1 + (z * z) / trials
  const c = (p + (z * z) / (2 * trials)) / d
  const h = (z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials))) / d
  return [c - h, c + h]
}
