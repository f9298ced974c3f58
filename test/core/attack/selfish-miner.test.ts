import { describe, expect, it } from 'vitest'
import {
  createSelfishState,
  selfishOnOthersBlock,
  selfishOnOwnBlock,
  type SelfishState,
} from '../../../src/core/attack/selfish-miner'

/** A selfish miner at height 10 that has mined `lead` private blocks, none published. */
const ahead = (lead: number): SelfishState => ({
  privateHeight: 10 + lead,
  publicHeight: 10,
  branchLength: lead,
  publishedHeight: 10,
})

describe('selfish mining (Eyal & Sirer, Algorithm 1)', () => {
  describe('on “my pool found a block”', () => {
    it('keeps a first block private: state 0 → 1', () => {
      const step = selfishOnOwnBlock(createSelfishState(10))
      expect(step).toEqual({ state: ahead(1), publishTo: null, rule: 'keep-private' })
    })

    it('keeps growing a lead private: state 2 → 3', () => {
      expect(selfishOnOwnBlock(ahead(2))).toEqual({
        state: ahead(3),
        publishTo: null,
        rule: 'keep-private',
      })
    })

    it('during a tie (state 0′) publishes its branch of two: the pool wins', () => {
      const tie = selfishOnOthersBlock(ahead(1), 11).state
      const step = selfishOnOwnBlock(tie)
      expect(step.rule).toBe('win-tie')
      expect(step.publishTo).toBe(12)
      expect(step.state).toEqual(createSelfishState(12))
    })
  })

  describe('on “others found a block”', () => {
    it('with no lead (Δprev = 0) adopts the public chain', () => {
      expect(selfishOnOthersBlock(createSelfishState(10), 11)).toEqual({
        state: createSelfishState(11),
        publishTo: null,
        rule: 'adopt',
      })
    })

    it('in a tie (state 0′) adopts the public chain whichever branch the block extends', () => {
      const tie = selfishOnOthersBlock(ahead(1), 11).state
      const step = selfishOnOthersBlock(tie, 12)
      expect(step.rule).toBe('adopt')
      expect(step.state).toEqual(createSelfishState(12))
    })

    it('with a lead of 1 (Δprev = 1) publishes its last block: a tie, state 0′', () => {
      const step = selfishOnOthersBlock(ahead(1), 11)
      expect(step.rule).toBe('match')
      expect(step.publishTo).toBe(11)
      expect(step.state).toEqual({
        privateHeight: 11,
        publicHeight: 11,
        branchLength: 1,
        publishedHeight: 11,
      })
    })

    it('with a lead of 2 (Δprev = 2) publishes all: the lead of 1 wins, state 0', () => {
      const step = selfishOnOthersBlock(ahead(2), 11)
      expect(step.rule).toBe('override')
      expect(step.publishTo).toBe(12)
      expect(step.state).toEqual(createSelfishState(12))
    })

    it('with a lead over 2 publishes only the first unpublished block', () => {
      const first = selfishOnOthersBlock(ahead(4), 11)
      expect(first.rule).toBe('publish-one')
      expect(first.publishTo).toBe(11)
      expect(first.state).toEqual({ ...ahead(4), publicHeight: 11, publishedHeight: 11 })
      const second = selfishOnOthersBlock(first.state, 12)
      expect(second.rule).toBe('publish-one')
      expect(second.publishTo).toBe(12)
      // Lead 4 shrinks to 2 → now Δprev = 2: the next honest block makes it publish all.
      const third = selfishOnOthersBlock(second.state, 13)
      expect(third.rule).toBe('override')
      expect(third.publishTo).toBe(14)
    })

    it('ignores a block no higher than the public chain (an honest rival)', () => {
      const tie = selfishOnOthersBlock(ahead(1), 11).state
      expect(selfishOnOthersBlock(tie, 11)).toEqual({ state: tie, publishTo: null, rule: 'ignore' })
    })

    it('judges a batch that raises the public chain by several blocks by the lead it leaves', () => {
      expect(selfishOnOthersBlock(ahead(2), 13).rule).toBe('adopt')
      expect(selfishOnOthersBlock(ahead(3), 13).rule).toBe('match')
      expect(selfishOnOthersBlock(ahead(4), 13).rule).toBe('override')
    })
  })
})
