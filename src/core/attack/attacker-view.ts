import type { Attack } from './attack-config'

/**
 * Where an attacker's strategy stands, in one word (docs/attacks.md):
 * - selfish: `public` (no private block: it mines on the public tip), `ahead` (its private
 *   chain leads), `tie` (it published to match an honest block: two branches of one height);
 * - double-spend: `waiting` (its payment is not in a block yet), `racing` (the merchant has not
 *   delivered), `delivered` (it has: the attacker publishes once its branch is longer), `won`
 *   (published), `gave-up` (20 blocks behind);
 * - eclipse: `waiting` (it has mined nothing yet), `feeding` (the victim sees only its chain),
 *   `ended` (the victim has the network's longer chain: it stopped feeding, and mines honestly).
 */
export type AttackPhase =
  | 'public'
  | 'ahead'
  | 'tie'
  | 'waiting'
  | 'racing'
  | 'delivered'
  | 'won'
  | 'gave-up'
  | 'feeding'
  | 'ended'

/** An attacking node's part as its snapshot shows it: what the node panel says of it. */
export interface AttackerView {
  readonly strategy: Attack['kind']
  readonly phase: AttackPhase
  /** Height of its private branch's tip (null: it has none and mines as an honest node would). */
  readonly privateHeight: number | null
  /** Height of the public chain, as the attacker knows it. */
  readonly publicHeight: number
  /** How far its private branch leads the public tip (negative: behind; 0 without one). */
  readonly lead: number
  /** Its blocks not published yet, lowest first. */
  readonly withheld: readonly string[]
}
