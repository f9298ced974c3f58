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
   * Trials in which the attacker published its branch. Those that did not succeed lost a tie: an
   * honest block of the same height was already on its way when the attacker published, and the
   * honest nodes kept the block they saw first (docs/attacks.md measures how often).
   */
  readonly published: number
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
  `strictly longer (first-seen ties) and gives up ${GIVE_UP_BEHIND} blocks behind`
