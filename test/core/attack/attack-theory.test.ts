import { describe, expect, it } from 'vitest'
import {
  doubleSpendSuccess,
  nakamotoSuccess,
  selfishRevenue,
  selfishThreshold,
  wilsonInterval,
} from '../../../src/core/attack/attack-theory'

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
 * 40 behind (or its mass is negligible): an independent count of what doubleSpendSuccess sums in closed form.
 */
function enumerateRace(q: number, z: number): number {
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
        else if (nh - na < 40 && mass > 1e-13)
          next.set(`${na},${nh}`, (next.get(`${na},${nh}`) ?? 0) + mass * p)
      }
    }
    states = next
  }
  return success
}

describe('the double-spend success probability for the lab’s rule', () => {
  it('sums what an enumeration of the race counts', () => {
    for (const q of [0.1, 0.25, 0.4])
      for (const z of [1, 2, 4])
        expect(doubleSpendSuccess(q, z)).toBeCloseTo(enumerateRace(q, z), 6)
  })

  it('is 0.0311 for q = 0.1 and one confirmation (by hand)', () => {
    // 1 − [0.9·(1 − 1/81) + 0.9·0.1·(1 − 1/9)]
    expect(doubleSpendSuccess(0.1, 1)).toBeCloseTo(1 - (0.9 * 80) / 81 - 0.08, 12)
  })

  it('is certain for a majority attacker', () => {
    expect(doubleSpendSuccess(0.5, 6)).toBe(1)
    expect(doubleSpendSuccess(0.6, 6)).toBe(1)
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
