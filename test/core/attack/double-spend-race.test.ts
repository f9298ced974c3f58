import { describe, expect, it } from 'vitest'
import {
  GIVE_UP_BEHIND,
  createRaceState,
  raceOnOwnBlock,
  raceOnPublicBlock,
  type RaceState,
} from '../../../src/core/attack/double-spend-race'

/** Plays a sequence of blocks: 'a' the attacker's, 'h' an honest one, 'p' the honest payment block. */
function play(z: number, blocks: string): RaceState {
  let s = createRaceState(5, z)
  for (const b of blocks)
    s = b === 'a' ? raceOnOwnBlock(s) : raceOnPublicBlock(s, s.publicHeight + 1, b === 'p')
  return s
}

describe('the double-spend race', () => {
  it('does not publish before the merchant delivers, however long its branch', () => {
    const s = play(2, 'aaap')
    expect(s.delivered).toBe(false)
    expect(s.outcome).toBe('racing')
  })

  it('the merchant delivers at z confirmations, the payment’s block counting as the first', () => {
    expect(play(2, 'p').delivered).toBe(false)
    expect(play(2, 'ph').delivered).toBe(true)
  })

  it('publishes at delivery when its branch is already strictly longer', () => {
    const s = play(2, 'aaaph')
    expect(s.outcome).toBe('published')
    expect(s.privateHeight).toBe(8)
    expect(s.publicHeight).toBe(7)
  })

  it('does not publish on a tie after delivery: first-seen would keep the merchant’s chain', () => {
    expect(play(2, 'aaph').outcome).toBe('racing')
    expect(play(2, 'aapha').outcome).toBe('published')
  })

  it('gives up when 20 blocks behind', () => {
    const s = play(1, 'a' + 'p' + 'h'.repeat(GIVE_UP_BEHIND - 1))
    expect(s.outcome).toBe('racing')
    expect(raceOnPublicBlock(s, s.publicHeight + 1, false).outcome).toBe('gave-up')
  })

  it('changes nothing once the race is over', () => {
    const s = play(1, 'aap')
    expect(s.outcome).toBe('published')
    expect(raceOnOwnBlock(s)).toBe(s)
    expect(raceOnPublicBlock(s, 20, false)).toBe(s)
  })
})
