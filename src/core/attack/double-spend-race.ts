/**
 * The double-spend race as a pure state machine over chain heights. The attacker paid a merchant;
 * it mines a private branch from the parent of the block that confirms the payment, holding a
 * conflicting payment to itself. The merchant delivers once the payment has `confirmations`
 * blocks (its own included); from then on the attacker publishes as soon as its branch is
 * strictly longer than the public chain (first-seen ties would keep the merchant's), and it gives
 * up when it falls GIVE_UP_BEHIND blocks behind.
 *
 * Publishing does not end the race. The attacker decides on what it has heard, so an honest block
 * of the same height may already be on its way: the nodes that see it first keep it, and the
 * public chain is level again. The rule is about branch lengths, not about having published once,
 * so the race goes on from there (`published` → `racing`) until the branch is longer again or 20
 * behind; `published` means "longer than every public block heard of so far".
 */
export const GIVE_UP_BEHIND = 20

export type RaceOutcome = 'racing' | 'published' | 'gave-up'

export interface RaceState {
  /** Height of the block the private branch starts from. */
  readonly forkHeight: number
  readonly privateHeight: number
  readonly publicHeight: number
  /** Height of the public block holding the payment (null: not in a block yet). */
  readonly paymentHeight: number | null
  readonly confirmations: number
  readonly delivered: boolean
  readonly outcome: RaceOutcome
}

export function createRaceState(forkHeight: number, confirmations: number): RaceState {
  return {
    forkHeight,
    privateHeight: forkHeight,
    publicHeight: forkHeight,
    paymentHeight: null,
    confirmations,
    delivered: false,
    outcome: 'racing',
  }
}

/** The attacker mined a block on its private branch. */
export function raceOnOwnBlock(s: RaceState): RaceState {
  if (s.outcome === 'gave-up') return s
  if (s.outcome === 'published') return { ...s, privateHeight: s.privateHeight + 1 }
  return settle({ ...s, privateHeight: s.privateHeight + 1 })
}

/**
 * A public block at `height` arrived; `holdsPayment` when it is the block that confirms the
 * payment (the first to hold it).
 */
export function raceOnPublicBlock(s: RaceState, height: number, holdsPayment: boolean): RaceState {
  if (s.outcome === 'gave-up') return s
  if (s.outcome === 'published') {
    // Only a public block as high as the published branch takes the lead back.
    if (height < s.privateHeight) return s
    return { ...s, publicHeight: height, outcome: 'racing' }
  }
  const paymentHeight = s.paymentHeight ?? (holdsPayment ? height : null)
  return settle({ ...s, publicHeight: Math.max(s.publicHeight, height), paymentHeight })
}

/**
 * A block on the attacker's branch that someone else mined: after a publication honest nodes
 * build on the branch they adopted, and that lengthens it as the attacker's own blocks do.
 */
export function raceOnBranchBlock(s: RaceState, height: number): RaceState {
  if (s.outcome === 'gave-up' || height <= s.privateHeight) return s
  if (s.outcome === 'published') return { ...s, privateHeight: height }
  return settle({ ...s, privateHeight: height })
}

function settle(s: RaceState): RaceState {
  const delivered =
    s.delivered ||
    (s.paymentHeight !== null && s.publicHeight - s.paymentHeight + 1 >= s.confirmations)
  if (delivered && s.privateHeight > s.publicHeight)
    return { ...s, delivered, outcome: 'published' }
  if (s.publicHeight - s.privateHeight >= GIVE_UP_BEHIND)
    return { ...s, delivered, outcome: 'gave-up' }
  return { ...s, delivered }
}
