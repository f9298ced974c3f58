import { describe, expect, it } from 'vitest'
import {
  chiSquareTail,
  doubleSpendSuccess,
  eclipseSuccess,
  nakamotoSuccess,
  selfishRevenue,
  selfishThreshold,
  wilsonInterval,
} from '../../../src/core/attack/attack-theory'
import { GIVE_UP_BEHIND } from '../../../src/core/attack/double-spend-race'

describe('Eyal and Sirer’s selfish-mining revenue', () => {
  it('pays exactly the fair share at the threshold (1 − γ)/(3 − 2γ)', () => {
    for (const gamma of [0, 0.25, 0.5, 0.75]) {
      const alpha = selfishThreshold(gamma)
      expect(selfishRevenue(alpha, gamma)).toBeCloseTo(alpha, 12)
    }
    expect(selfishThreshold(0)).toBeCloseTo(1 / 3, 12)
    expect(selfishThreshold(0.5)).toBeCloseTo(1 / 4, 12)
  })

  it('pays less than the share below the threshold and more above it', () => {
    expect(selfishRevenue(0.25, 0)).toBeLessThan(0.25)
    expect(selfishRevenue(0.4, 0)).toBeGreaterThan(0.4)
    expect(selfishRevenue(0.3, 0.5)).toBeGreaterThan(0.3)
  })

  it('matches the paper’s value for α = 0.4, γ = 0 (about 0.48)', () => {
    // (0.4·0.36·1.6 − 0.064)/(1 − 0.4·1.64) = 0.1664/0.344
    expect(selfishRevenue(0.4, 0)).toBeCloseTo(0.1664 / 0.344, 12)
  })
})

/**
 * The race, enumerated: the chance mass of every state of an attacker that needs a strictly
 * longer branch after z confirmations, block by block (attacker's with chance q), until it is
 * `giveUp` behind (a failure) or its mass is negligible: an independent count of what
 * doubleSpendSuccess computes.
 */
function enumerateRace(q: number, z: number, giveUp: number): number {
  let states = new Map<string, number>([['0,0', 1]])
  let success = 0
  for (let step = 0; step < 4000 && states.size > 0; step++) {
    const next = new Map<string, number>()
    for (const [key, mass] of states) {
      const [a, h] = key.split(',').map(Number) as [number, number]
      for (const [da, dh, p] of [
        [1, 0, q],
        [0, 1, 1 - q],
      ] as const) {
        const na = a + da
        const nh = h + dh
        if (nh >= z && na > nh) success += mass * p
        else if (nh - na < giveUp && mass > 1e-13)
          next.set(`${na},${nh}`, (next.get(`${na},${nh}`) ?? 0) + mass * p)
      }
    }
    states = next
  }
  return success
}

/** The sum without the give-up, in closed form (the formula). */
function unbounded(q: number, z: number): number {
  const p = 1 - q
  const choose = (n: number, k: number): number => {
    let c = 1
    for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i
    return c
  }
  let fail = 0
  for (let m = 0; m <= z; m++)
    fail += choose(m + z - 1, m) * p ** z * q ** m * (1 - (q / p) ** (z - m + 1))
  return 1 - fail
}

describe('the double-spend success probability for the lab’s rule', () => {
  it('is what an enumeration of the race counts, giving up 20 behind', () => {
    for (const q of [0.1, 0.25, 0.4, 0.48])
      for (const z of [1, 2, 4])
        expect(doubleSpendSuccess(q, z)).toBeCloseTo(enumerateRace(q, z, GIVE_UP_BEHIND), 6)
  })

  it('gives up before delivery too, when z is past the wall', () => {
    expect(doubleSpendSuccess(0.3, 25, 5)).toBeCloseTo(enumerateRace(0.3, 25, 5), 8)
    expect(doubleSpendSuccess(0.45, 8, 3)).toBeCloseTo(enumerateRace(0.45, 8, 3), 8)
  })

  it('is the closed-form sum when the attacker never gives up', () => {
    for (const q of [0.1, 0.2, 0.3, 0.4, 0.45])
      for (const z of [1, 2, 4, 6, 30])
        expect(doubleSpendSuccess(q, z, Infinity)).toBeCloseTo(unbounded(q, z), 12)
  })

  it('is 0.0311 for q = 0.1 and one confirmation (by hand)', () => {
    // 1 − [0.9·(1 − 1/81) + 0.9·0.1·(1 − 1/9)], less a give-up 20 behind worth 1e-20
    expect(doubleSpendSuccess(0.1, 1)).toBeCloseTo(1 - (0.9 * 80) / 81 - 0.08, 12)
  })

  it('differs from the unbounded sum by at most 0.0002 over the issue’s grid', () => {
    for (const q of [0.1, 0.2, 0.3, 0.4])
      for (const z of [1, 2, 4, 6])
        expect(Math.abs(doubleSpendSuccess(q, z) - unbounded(q, z))).toBeLessThan(2e-4)
  })

  it('at q = 1/2 is a fair walk between the walls, not a certainty: 79/84 for z = 1 (by hand)', () => {
    // Two blocks of its own before the first honest one (1/4) win at once. Otherwise at delivery
    // it is one behind (1/2) or level (1/4), and a fair walk from d behind reaches one ahead
    // before 20 behind with chance (20 − d)/21: 1/4 + 1/2 · 19/21 + 1/4 · 20/21 = 79/84.
    expect(doubleSpendSuccess(0.5, 1)).toBeCloseTo(79 / 84, 12)
    expect(doubleSpendSuccess(0.5, 6)).toBeLessThan(0.95)
  })

  it('is all but certain for a majority attacker', () => {
    expect(doubleSpendSuccess(0.6, 6)).toBeGreaterThan(0.9998)
    expect(doubleSpendSuccess(0.6, 6)).toBeLessThan(1)
    expect(doubleSpendSuccess(0.6, 6, Infinity)).toBe(1)
  })
})

/**
 * The eclipse's outcome by walking every sequence of blocks: the eclipsed side (chance r) mines
 * until the victim has z confirmations; the network has k by then. More than z: success; exactly
 * z: the next block decides; fewer: the eclipsed chain wins when the links heal.
 */
function enumerateEclipse(r: number, z: number): number {
  const walk = (eclipsed: number, network: number, chance: number): number => {
    if (eclipsed === z) return network > z ? chance : network === z ? chance * (1 - r) : 0
    // Past z + 1 network blocks the outcome is settled, whatever the eclipsed side does next.
    if (network > z) return chance
    return walk(eclipsed + 1, network, chance * r) + walk(eclipsed, network + 1, chance * (1 - r))
  }
  return walk(0, 0, 1)
}

describe('a double spend against an eclipsed merchant', () => {
  it('sums what an enumeration of the block sequences counts', () => {
    for (const r of [0.2, 0.35, 0.5, 0.7])
      for (const z of [1, 2, 4]) expect(eclipseSuccess(r, z)).toBeCloseTo(enumerateEclipse(r, z), 9)
  })

  it('is 0.375 for r = 0.5 and one confirmation (by hand)', () => {
    // The network mines two blocks before the eclipsed side's one (1/4), or one, then the next (1/4 · 1/2).
    expect(eclipseSuccess(0.5, 1)).toBeCloseTo(0.375, 12)
  })

  it('beats the same attacker without the eclipse: the victim waits on the attackers’ slow chain', () => {
    for (const q of [0.1, 0.2, 0.3])
      for (const z of [1, 2, 6])
        expect(eclipseSuccess(q, z)).toBeGreaterThan(doubleSpendSuccess(q, z))
  })
})

describe('Nakamoto’s section 11 value', () => {
  it('reproduces the whitepaper’s table', () => {
    expect(nakamotoSuccess(0.1, 1)).toBeCloseTo(0.2045873, 6)
    expect(nakamotoSuccess(0.1, 5)).toBeCloseTo(0.0009137, 6)
    expect(nakamotoSuccess(0.3, 5)).toBeCloseTo(0.1773523, 6)
    expect(nakamotoSuccess(0.3, 10)).toBeCloseTo(0.0416605, 6)
  })
})

describe('the 95 % Wilson interval', () => {
  it('brackets the rate and stays inside [0, 1]', () => {
    const [lo, hi] = wilsonInterval(50, 100)
    expect(lo).toBeCloseTo(0.4038, 3)
    expect(hi).toBeCloseTo(0.5962, 3)
    expect(wilsonInterval(0, 20)[0]).toBe(0)
    expect(wilsonInterval(20, 20)[1]).toBe(1)
  })
})

describe('the χ² tail', () => {
  it('matches the tables: P(χ²₂ > 5.991) = 0.05, P(χ²₁₆ > 26.296) = 0.05, P(χ²₁₆ > 15.338) = 0.5', () => {
    expect(chiSquareTail(5.991, 2)).toBeCloseTo(0.05, 4)
    expect(chiSquareTail(26.296, 16)).toBeCloseTo(0.05, 4)
    expect(chiSquareTail(15.338, 16)).toBeCloseTo(0.5, 3)
  })
})
