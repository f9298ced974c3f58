/**
 * The double-spend race as a pure state machine over chain heights. The attacker paid a merchant;
 * it mines a private branch from the parent of the block that confirms the payment, holding a
 * conflicting payment to itself. The merchant delivers once the payment has `confirmations`
 * blocks (its own included); from then on the attacker publishes as soon as its branch is
 * strictly longer than the public chain (first-seen ties would keep the merchant's), and it gives
 * up when it falls GIVE_UP_BEHIND blocks behind.
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
  if (s.outcome !== 'racing') return s
  return settle({ ...s, privateHeight: s.privateHeight + 1 })
}

/**
 * A public block at `height` arrived; `holdsPayment` when it is the block that confirms the
 * payment (the first to hold it).
 */
export function raceOnPublicBlock(s: RaceState, height: number, holdsPayment: boolean): RaceState {
  if (s.outcome !== 'racing') return s
  const paymentHeight = s.paymentHeight ?? (holdsPayment ? height : null)
  return settle({ ...s, publicHeight: Math.max(s.publicHeight, height), paymentHeight })
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
