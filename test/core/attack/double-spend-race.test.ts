import { describe, expect, it } from 'vitest'
import {
  GIVE_UP_BEHIND,
  createRaceState,
  raceOnBranchBlock,
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

  it('changes nothing once it has given up', () => {
    const s = play(1, 'p' + 'h'.repeat(GIVE_UP_BEHIND))
    expect(s.outcome).toBe('gave-up')
    expect(raceOnOwnBlock(s)).toBe(s)
    expect(raceOnPublicBlock(s, 40, false)).toBe(s)
    expect(raceOnBranchBlock(s, 40)).toBe(s)
  })

  it('races again when a public block as high as its published branch turns up (a lost tie)', () => {
    const won = play(1, 'aap')
    expect(won.outcome).toBe('published')
    // A lower public block changes nothing; one of the branch's height levels the race.
    expect(raceOnPublicBlock(won, 6, false)).toBe(won)
    const level = raceOnPublicBlock(won, 7, false)
    expect(level).toMatchObject({ outcome: 'racing', privateHeight: 7, publicHeight: 7 })
    expect(raceOnOwnBlock(level).outcome).toBe('published')
    expect(raceOnPublicBlock(level, 8, false).outcome).toBe('racing')
  })

  it('counts blocks others add to its branch: after publishing, and to settle a tie', () => {
    const won = play(1, 'aap')
    const longer = raceOnBranchBlock(won, 8)
    expect(longer).toMatchObject({ outcome: 'published', privateHeight: 8 })
    // Honest nodes that adopted the branch during a tie mine on it: that is a lead too.
    const level = raceOnPublicBlock(won, 7, false)
    expect(raceOnBranchBlock(level, 8).outcome).toBe('published')
    expect(raceOnBranchBlock(level, 7)).toBe(level)
  })
})
