import { GIVE_UP_BEHIND } from './double-spend-race'

/** What a double-spend experiment reports (`attack` in its JSON). */
export interface DoubleSpendReport {
  readonly kind: 'double-spend'
  /** q: the attacker's share of the hash power. */
  readonly attackerPower: number
  /** z: the confirmations the merchant waits for. */
  readonly confirmations: number
  readonly trials: number
  readonly successes: number
  /**
   * Trials in which the race ended with the attacker's branch published and longer than every
   * public block it heard of. A lost tie (an honest block of the same height already on its way
   * when it published) does not end the race, so these are the successes, short of a block that
   * arrives after every node agreed.
   */
  readonly published: number
  /**
   * Trials stopped at the clock cap with the race still on: neither a success nor a failure, so
   * left out of the rate and its interval (none at the default cap; see double-spend-trials.ts).
   */
  readonly undecided: number
  /** Successes over the decided trials. */
  readonly successRate: number
  /** 95 % Wilson interval of the success rate. */
  readonly ci95: readonly [number, number]
  readonly rule: string
  /** The exact probability for the lab's rule (attack-theory.ts). */
  readonly predicted: number
  /** Nakamoto's section 11 value, for comparison. */
  readonly nakamoto: number
  /** Clocks the trials ran, in all. */
  readonly clocks: number
}

export const DOUBLE_SPEND_RULE =
  `the merchant delivers after z confirmations; the attacker publishes once its branch is ` +
  `strictly longer (first-seen ties), races on if a tie takes the lead back, and gives up ` +
  `${GIVE_UP_BEHIND} blocks behind`
