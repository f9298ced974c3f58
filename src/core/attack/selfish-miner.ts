/**
 * Eyal & Sirer's selfish-mining strategy (2014, "Majority is not enough", Algorithm 1) as a pure
 * state machine over chain heights. The node that follows it (see attacker.ts) turns "publish to
 * height h" into the blocks of its private branch.
 */
export interface SelfishState {
  /** Height of the tip of the attacker's private chain. */
  readonly privateHeight: number
  /** Height of the public chain: the longest chain honest nodes can know of. */
  readonly publicHeight: number
  /** Blocks of the private branch (mined since it left the public chain), published or not. */
  readonly branchLength: number
  /** The highest private block published so far (the fork point when none is). */
  readonly publishedHeight: number
}

export interface SelfishStep {
  readonly state: SelfishState
  /** Publish the private branch up to this height (null: publish nothing). */
  readonly publishTo: number | null
  /** Which line of Algorithm 1 applied, for tests and the event log. */
  readonly rule: SelfishRule
}

export type SelfishRule =
  | 'keep-private' // own block, lead grows: withhold it
  | 'win-tie' // own block during a tie (branch of 2): publish all, the pool wins
  | 'adopt' // others lead (Δ = 0): private chain ← public chain
  | 'match' // Δ = 1: publish the last block, a tie; try our luck
  | 'override' // Δ = 2: publish all, the lead of 1 wins
  | 'publish-one' // Δ > 2: publish the first unpublished block, keep the lead
  | 'ignore' // a block no higher than the public chain (an honest rival)

export function createSelfishState(height: number): SelfishState {
  return { privateHeight: height, publicHeight: height, branchLength: 0, publishedHeight: height }
}

/** "My pool found a block." */
export function selfishOnOwnBlock(s: SelfishState): SelfishStep {
  const lead = s.privateHeight - s.publicHeight
  const privateHeight = s.privateHeight + 1
  const branchLength = s.branchLength + 1
  if (lead === 0 && branchLength === 2) {
    const state = {
      privateHeight,
      publicHeight: privateHeight,
      branchLength: 0,
      publishedHeight: privateHeight,
    }
    return { state, publishTo: privateHeight, rule: 'win-tie' }
  }
  return { state: { ...s, privateHeight, branchLength }, publishTo: null, rule: 'keep-private' }
}

/** "Others found a block" at `height` (on whichever branch). */
export function selfishOnOthersBlock(s: SelfishState, height: number): SelfishStep {
  if (height <= s.publicHeight) return { state: s, publishTo: null, rule: 'ignore' }
  // Judged by the lead left after the block, which is Δprev − 1 when the public chain grows by
  // one block, and still right when a batch raises it by more.
  const lead = s.privateHeight - height
  if (lead < 0) return { state: createSelfishState(height), publishTo: null, rule: 'adopt' }
  if (lead === 0) {
    const state = { ...s, publicHeight: height, publishedHeight: s.privateHeight }
    return { state, publishTo: s.privateHeight, rule: 'match' }
  }
  if (lead === 1)
    return {
      state: createSelfishState(s.privateHeight),
      publishTo: s.privateHeight,
      rule: 'override',
    }
  const publishTo = Math.max(height, s.publishedHeight + 1)
  const state = { ...s, publicHeight: height, publishedHeight: publishTo }
  return { state, publishTo, rule: 'publish-one' }
}
