import { describe, expect, it } from 'vitest'
import { wilsonInterval } from '../../../src/core/attack/attack-theory'
import { runEclipseTrial, runEclipseTrials } from '../../../src/core/attack/eclipse-trials'

/** node1 eclipses node2 (the merchant) in an 8-node mesh. */
const eclipse = (share: number, confirmations: number, seed = 1) => ({
  nodes: 8,
  difficulty: 1,
  seed,
  autoMine: { interval: 40, hashPower: null },
  attack: { kind: 'eclipse', share, confirmations },
})

describe('eclipse trials', () => {
  it('are seeded: the same seed gives the same outcome, clock for clock', () => {
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8]
    const outcomes = seeds.map((seed) => runEclipseTrial(eclipse(0.3, 2, seed)))
    expect(seeds.map((seed) => runEclipseTrial(eclipse(0.3, 2, seed)))).toEqual(outcomes)
    expect(new Set(outcomes.map((o) => o.success)).size).toBe(2)
  })

  it('succeed as often as the formula says, and far more often than without the eclipse', () => {
    const report = runEclipseTrials(eclipse(0.2, 2), 120)
    // The victim mines on the eclipsed branch too: one honest node's part of the rest.
    expect(report.victimPower).toBeCloseTo(0.8 / 7, 9)
    const [lo, hi] = wilsonWide(report.successes, report.trials)
    expect(report.predicted).toBeGreaterThanOrEqual(lo)
    expect(report.predicted).toBeLessThanOrEqual(hi)
    expect(report.ci95).toEqual(wilsonInterval(report.successes, report.trials))
    // Without the eclipse the same attacker (q = 0.2, z = 2) succeeds about 7 % of the time.
    const without = report.withoutEclipse
    expect(without.predicted).toBeCloseTo(0.0724, 4)
    expect(without.ci95[1]).toBeLessThan(report.ci95[0])
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
